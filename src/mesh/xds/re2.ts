/**
 * Envoy's safe_regex uses RE2. JavaScript's RegExp understands nearly the same syntax for the patterns
 * mesh configs use; this module rejects what RE2 does not have (look-around, back-references) so a
 * config that Envoy would refuse is refused here too, and rewrites the few RE2-only spellings.
 */
export type Re2Result = { ok: true; regex: RegExp } | { ok: false; error: string };

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  word: '\\w',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
};

/**
 * Compiles an RE2 pattern so that `test()` succeeds only when the whole value matches (RE2 FullMatch);
 * with `search: true` it finds every occurrence instead (global, unanchored: for rewrites).
 */
export function compileRe2(pattern: string, options: { ignoreCase?: boolean; search?: boolean } = {}): Re2Result {
  if (/\(\?<?[=!]/.test(pattern)) return { ok: false, error: 'look-around is not supported by RE2' };
  if (/\\[1-9]/.test(pattern)) return { ok: false, error: 'back-references are not supported by RE2' };
  let source = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  source = source.replace(/\[:(\w+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole);
  let flags = options.ignoreCase === true ? 'i' : '';
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading !== null) {
    const requested = leading[1] ?? '';
    if (requested.includes('i') && !flags.includes('i')) flags += 'i';
    if (requested.includes('s')) flags += 's';
    if (requested.includes('m')) flags += 'm';
    source = source.slice(leading[0].length);
  }
  try {
    if (options.search === true) return { ok: true, regex: new RegExp(source, `${flags}g`) };
    return { ok: true, regex: new RegExp(`^(?:${source})$`, flags) };
  } catch (e) {
    return { ok: false, error: `invalid regex: ${(e as Error).message}` };
  }
}

/** An RE2 rewrite string (`\\1` refers to group 1) as a JavaScript replacement string (`$1`). */
export function re2Substitution(substitution: string): string {
  return substitution.replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
}
