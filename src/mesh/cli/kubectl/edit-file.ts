import { parseDocument } from 'yaml';

/**
 * The file `kubectl edit` hands the editor, and how it reads it back (k8s.io/kubectl's editoptions.go and
 * cmdutil's comment stripping): a header of `#` lines above the object, the reasons the last save failed under
 * it, and comparisons that ignore comments and layout.
 */

/** One reason the file is open again: a line, and the failures under it (`# * field: message`). */
export interface EditReason {
  head: string;
  causes: string[];
}

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** kubectl's header, then each reason as `#` lines and a `#` line after it. */
export function editHeader(reasons: readonly EditReason[]): string {
  let text = HEADER;
  for (const reason of reasons) {
    text += `# ${commentLines(reason.head)}${reason.causes.length > 0 ? ':' : ''}\n`;
    for (const cause of reason.causes) text += `# * ${commentLines(cause)}\n`;
    text += '#\n';
  }
  return text;
}

/** A message of several lines stays inside the comment: each new line starts with `# ` (hashOnLineBreak). */
function commentLines(text: string): string {
  return text.replace(/\n(?=[^#])/g, '\n# ');
}

/** The file without its comment lines (`#!` is not one), as kubectl strips a file it reopens. */
export function withoutCommentLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const trimmed = line.trim();
      return !(trimmed.startsWith('#') && !trimmed.startsWith('#!'));
    })
    .join('\n');
}

/**
 * What a file says, for "did it change?": the object as JSON with its keys in order when it parses (so comments,
 * layout and key order do not count, as kubectl's YAML-to-JSON comparison), else the text without comment lines.
 */
export function meaningOf(text: string): string {
  const document = parseDocument(text, { version: '1.1' });
  if (document.errors.length > 0) return withoutCommentLines(text);
  return JSON.stringify(sortedKeys(document.toJS()));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Whether any line holds something besides blanks and comments: an empty file aborts the edit. */
export function hasContent(text: string): boolean {
  return text.split('\n').some((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#');
  });
}

/** A file name under /tmp that no earlier edit left behind (kubectl's temp file, `kubectl-edit-*.yaml`). */
export async function editFilePath(exists: (path: string) => Promise<boolean>, extension: string): Promise<string> {
  for (let n = 1; ; n++) {
    const path = `/tmp/kubectl-edit-${n}${extension}`;
    if (!(await exists(path))) return path;
  }
}
