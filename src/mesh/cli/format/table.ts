/**
 * Column layout as kubectl prints tables: Go's text/tabwriter with minwidth 6, padding 3 and spaces, where
 * every cell but the last of a row is padded to its column's widest cell. istioctl uses the same writer
 * with minwidth 0 and padding 2 or 3 depending on the command, so both are parameters.
 */
export interface TableStyle {
  minWidth: number;
  padding: number;
}

export const KUBECTL_TABLE: TableStyle = { minWidth: 6, padding: 3 };

/** Formats rows (the header is just the first row); returns text ending in a newline, or '' for no rows. */
export function formatTable(rows: readonly (readonly string[])[], style: TableStyle = KUBECTL_TABLE): string {
  if (rows.length === 0) return '';
  const widths: number[] = [];
  for (const row of rows) {
    // The last cell of a row is not tab-terminated, so it never widens its column.
    row.forEach((cell, i) => {
      if (i === row.length - 1) return;
      widths[i] = Math.max(widths[i] ?? 0, Math.max(displayWidth(cell) + style.padding, style.minWidth));
    });
  }
  let out = '';
  for (const row of rows) {
    out += row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell))))
      .join('');
    out += '\n';
  }
  return out;
}

/** Go's tabwriter counts runes (not terminal columns), so do we: tables line up exactly as kubectl's do. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}
