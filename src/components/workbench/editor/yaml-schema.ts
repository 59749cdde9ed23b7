import type * as Monaco from 'monaco-editor';
import { isMap, isSeq, parseAllDocuments, type Document } from 'yaml';
import { RESOURCE_SCHEMA, type Schema } from './istio-schemas';

// Schema-aware YAML on the page's thread: small manifests, so parsing on each pause in typing is cheap, and
// it needs no extra Worker (monaco-yaml's cannot be bundled against monaco-editor 0.57's exports map).

interface Problem {
  path: (string | number)[];
  message: string;
  /** The problem is the key itself (an unknown field), not its value. */
  atKey?: boolean;
}

/** Markers for every schema violation of every document in `text`. */
export function validateManifests(text: string): { start: number; end: number; message: string }[] {
  const out: { start: number; end: number; message: string }[] = [];
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length > 0) {
      for (const error of doc.errors) out.push({ start: error.pos[0], end: error.pos[1], message: error.message });
      continue;
    }
    const value = (doc as Document).toJS() as unknown;
    if (value === null || value === undefined) continue;
    const problems: Problem[] = [];
    check(value, RESOURCE_SCHEMA, [], problems);
    for (const problem of problems) out.push({ ...locate(doc as Document, problem), message: problem.message });
  }
  return out;
}

function check(value: unknown, schema: Schema, path: (string | number)[], problems: Problem[]): void {
  const type = schema['type'] as string | undefined;
  const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (type && !(type === actual || (type === 'integer' && Number.isInteger(value)))) {
    problems.push({ path, message: `expected ${type}, got ${actual}` });
    return;
  }
  const allowed = schema['enum'] as unknown[] | undefined;
  if (allowed && !allowed.includes(value)) problems.push({ path, message: `expected one of ${allowed.join(', ')}` });
  const pattern = schema['pattern'] as string | undefined;
  if (pattern && typeof value === 'string' && !new RegExp(pattern).test(value))
    problems.push({ path, message: `${value}: ${String(schema['description'] ?? pattern)}` });
  if (actual === 'array' && schema['items'])
    (value as unknown[]).forEach((item, i) => check(item, schema['items'] as Schema, [...path, i], problems));
  if (actual !== 'object') return;
  const object = value as Record<string, unknown>;
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  for (const name of (schema['required'] ?? []) as string[])
    if (!(name in object)) problems.push({ path, message: `missing required field "${name}"` });
  for (const [name, child] of Object.entries(object)) {
    const sub =
      properties[name] ??
      (typeof schema['additionalProperties'] === 'object' ? (schema['additionalProperties'] as Schema) : undefined);
    if (sub) check(child, sub, [...path, name], problems);
    else if (schema['additionalProperties'] === false)
      problems.push({ path: [...path, name], message: `unknown field "${name}"`, atKey: true });
  }
  for (const branch of (schema['allOf'] ?? []) as Schema[]) {
    const condition = branch['if'] as Schema | undefined;
    if (condition && matches(object, condition)) check(value, branch['then'] as Schema, path, problems);
  }
}

function matches(object: Record<string, unknown>, condition: Schema): boolean {
  const properties = (condition['properties'] ?? {}) as Record<string, Schema>;
  return Object.entries(properties).every(([name, schema]) => object[name] === schema['const']);
}

function locate(doc: Document, problem: Problem): { start: number; end: number } {
  const parentPath = problem.atKey ? problem.path.slice(0, -1) : problem.path;
  const node = (parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true)) as
    { range?: [number, number, number] } | undefined;
  if (problem.atKey && isMap(node)) {
    const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === problem.path.at(-1));
    const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
    if (range) return { start: range[0], end: range[1] };
  }
  if (node?.range) return { start: node.range[0], end: isSeq(node) || isMap(node) ? node.range[0] + 1 : node.range[1] };
  return { start: 0, end: 1 };
}

/** Property names the schema allows at the YAML path of the line holding `offset`. */
export function completionsAt(text: string, offset: number): { name: string; description: string }[] {
  const lines = text.slice(0, offset).split('\n');
  const current = lines.at(-1) ?? '';
  const indent = current.search(/\S|$/);
  const path: string[] = [];
  let level = indent;
  for (let i = lines.length - 2; i >= 0 && level > 0; i--) {
    const line = lines[i]!;
    if (line.startsWith('---')) break;
    const lineIndent = line.replace(/^(\s*)- /, '$1  ').search(/\S|$/);
    const key = /^\s*(?:- )?([\w.-]+):\s*$/.exec(line)?.[1];
    if (line.trim() === '' || lineIndent >= level) continue;
    level = lineIndent;
    if (key) path.unshift(key);
  }
  const docStart = text.lastIndexOf('\n---', offset);
  const kind = /^kind:\s*(\w+)/m.exec(text.slice(docStart < 0 ? 0 : docStart, offset + 2000))?.[1];
  let schema: Schema | undefined = RESOURCE_SCHEMA;
  for (const key of path) {
    let properties = (schema?.['properties'] ?? {}) as Record<string, Schema>;
    if (key === 'spec' && kind) properties = { ...properties, spec: branchSpec(kind) ?? properties['spec']! };
    schema = properties[key];
    while (schema?.['type'] === 'array') schema = schema['items'] as Schema;
  }
  const properties = (schema?.['properties'] ?? {}) as Record<string, Schema>;
  return Object.entries(properties).map(([name, s]) => ({ name, description: String(s['description'] ?? '') }));
}

function branchSpec(kind: string): Schema | undefined {
  const branch = ((RESOURCE_SCHEMA['allOf'] ?? []) as Schema[]).find((b) => matches({ kind }, b['if'] as Schema));
  return ((branch?.['then'] as Schema | undefined)?.['properties'] as Record<string, Schema> | undefined)?.['spec'];
}

/** Validation markers (after each pause in typing) and schema completion for one YAML model. */
export function attachYamlSchema(monaco: typeof Monaco, model: Monaco.editor.ITextModel): void {
  const validate = () => {
    const markers = validateManifests(model.getValue()).map((problem) => {
      const start = model.getPositionAt(problem.start);
      const end = model.getPositionAt(Math.max(problem.end, problem.start + 1));
      return {
        severity: monaco.MarkerSeverity.Error,
        message: problem.message,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      };
    });
    monaco.editor.setModelMarkers(model, 'istio-schema', markers);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  model.onDidChangeContent(() => (clearTimeout(timer), (timer = setTimeout(validate, 300))));
  validate();
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider('yaml', {
    provideCompletionItems(target, position) {
      const word = target.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const suggestions = completionsAt(target.getValue(), target.getOffsetAt(position)).map((item) => ({
        label: item.name,
        kind: monaco.languages.CompletionItemKind.Property,
        insertText: `${item.name}: `,
        documentation: item.description,
        range,
      }));
      return { suggestions };
    },
  });
}

let registered = false;
