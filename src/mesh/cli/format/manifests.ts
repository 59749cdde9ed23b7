import { parseAllDocuments, stringify, type YAMLError } from 'yaml';

/**
 * Reading manifests as kubectl does (a stream of YAML or JSON documents; a stream that does not parse changes
 * nothing) and printing objects as `-o yaml` / `-o json` do.
 */

export type ManifestParse = { ok: true; documents: Record<string, unknown>[] } | { ok: false; message: string };

/**
 * Parses a YAML stream. Empty documents are skipped (kubectl ignores them). On a syntax error nothing is
 * returned: the message is kubectl's (`error converting YAML to JSON: yaml: line 7: …`, the line counted
 * from the start of the failing document, as go-yaml counts it), followed by where it is in the whole
 * stream with a caret under the column.
 */
export function parseManifests(text: string, source: string): ManifestParse {
  const documents: Record<string, unknown>[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: true, prettyErrors: true })) {
    const error = doc.errors[0];
    if (error !== undefined) return { ok: false, message: describeYamlError(error, text, source, doc.range[0]) };
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      return {
        ok: false,
        message: `error: error parsing ${source}: error converting YAML to JSON: yaml: unmarshal errors:\n  cannot unmarshal ${typeof value} into Go value of type map[string]interface {}`,
      };
    }
    // `kind: List` wraps several objects in `items`, as `kubectl get -o yaml` prints them.
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items)) {
      for (const item of record.items as unknown[]) documents.push(item as Record<string, unknown>);
    } else documents.push(record);
  }
  return { ok: true, documents };
}

function describeYamlError(error: YAMLError, text: string, source: string, docStart: number): string {
  const [start] = error.linePos ?? [];
  const line = start?.line ?? 1;
  const col = start?.col ?? 1;
  // go-yaml counts from the document kubectl handed it: the lines after its `---` separator.
  const docLine = lineOf(text, docStart) + (text.startsWith('---', docStart) ? 1 : 0);
  const relative = Math.max(1, line - docLine + 1);
  const goMessage = GO_YAML_MESSAGES[error.code] ?? 'did not find expected key';
  const sourceLine = text.split('\n')[line - 1] ?? '';
  return (
    `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${relative}: ${goMessage}\n` +
    `  --> ${source}:${line}:${col}\n` +
    `   | ${sourceLine}\n` +
    `   | ${' '.repeat(Math.max(0, col - 1))}^`
  );
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** go-yaml's wording for the same mistakes (what kubectl users search for). */
const GO_YAML_MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: "could not find expected ':'",
  BAD_INDENT: 'did not find expected key',
  TAB_AS_INDENT: 'found character that cannot start any token',
  MISSING_CHAR: 'found unexpected end of stream',
  BAD_DQ_ESCAPE: 'found unknown escape character while parsing a quoted scalar',
  DUPLICATE_KEY: 'mapping key already defined',
  UNEXPECTED_TOKEN: 'did not find expected <document start>',
  BAD_SCALAR_START: 'found character that cannot start any token',
  BAD_ALIAS: 'unknown anchor referenced',
};

/** `-o yaml`: go-yaml's layout — keys sorted, two-space indent, list items level with their key. */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', indentSeq: false, sortMapEntries: true, lineWidth: 0 });
}

/** `-o json`: four-space indent, as kubectl prints. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** kubectl wraps several objects (or any `get` of a list) in a v1 List. */
export function asList(items: readonly unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
