/** One word for a shell, quoted so the shell reads it back unchanged (`it's` → `'it'\''s'`). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
