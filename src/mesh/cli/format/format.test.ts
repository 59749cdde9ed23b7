import { describe, expect, it } from 'vitest';
import { humanDuration } from './age';
import { executeJsonPath } from './jsonpath';
import { parseManifests, toJson, toYaml } from './manifests';
import { formatTable } from './table';

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [0, '0s'],
    [5_000, '5s'],
    [119_000, '119s'],
    [130_000, '2m10s'],
    [600_000, '10m'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 5 * 60_000, '3h5m'],
    [30 * 3_600_000, '30h'],
    [50 * 3_600_000, '2d2h'],
    [-5_000, '<invalid>'],
  ])('%i ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('formatTable', () => {
  it('pads every column but the last to its widest cell plus 3, at least 6', () => {
    expect(
      formatTable([
        ['NAME', 'READY', 'AGE'],
        ['a', '1/1', '5s'],
      ]),
    ).toBe('NAME   READY   AGE\na      1/1     5s\n');
  });
});

const pods = {
  apiVersion: 'v1',
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { app: 'x' } },
      status: { phase: 'Running' },
      spec: {
        ports: [
          { name: 'http2', port: 80 },
          { name: 'https', port: 443 },
        ],
      },
    },
    { metadata: { name: 'b', labels: { app: 'y' } }, status: { phase: 'Pending' }, spec: {} },
  ],
};

describe('kubectl JSONPath', () => {
  it.each([
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items..metadata.name}', 'a b'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', 'a\nb\n'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'a\tRunning\nb\tPending\n'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'a'],
    ['{.items[0].spec.ports[?(@.name=="http2")].port}', '80'],
    ['{.items[0].metadata.labels}', '{"app":"x"}'],
    ['{.items[0].missing}', ''],
    ['names: {.items[*].metadata.name}', 'names: a b'],
  ])('%s', (template, expected) => expect(executeJsonPath(template, pods)).toBe(expected));
});

describe('manifests', () => {
  it('parses a multi-document stream and skips empty documents', () => {
    const parsed = parseManifests('a: 1\n---\n---\nb: 2\n', 'x.yaml');
    expect(parsed).toEqual({ ok: true, documents: [{ a: 1 }, { b: 2 }] });
  });

  it("reports a syntax error as kubectl does, with the document's line and the stream's line and column", () => {
    const parsed = parseManifests('kind: A\n---\napiVersion: v1\nkind: Pod\nmetadata: name: x\n', 'STDIN');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(
      /^error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n/,
    );
    expect(parsed.message).toContain('--> STDIN:5:');
  });

  it('prints -o yaml like go-yaml and -o json with four spaces', () => {
    expect(toYaml({ spec: { b: [{ z: 1, x: '80' }] }, apiVersion: 'v1' })).toBe(
      'apiVersion: v1\nspec:\n  b:\n  - x: "80"\n    z: 1\n',
    );
    // go-yaml v2 (YAML 1.1) quotes the words it would read as booleans.
    expect(toYaml({ on: 'yes' })).toBe('"on": "yes"\n');
    expect(toJson({ a: 1 })).toBe('{\n    "a": 1\n}\n');
  });
});
