import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RESOURCE_SCHEMA } from './istio-schemas';

// The schema monaco-yaml checks the labs' YAML with, run through a JSON Schema validator: it must accept
// every YAML file the labs ship and refuse the mistakes learners make.
const validate = new Ajv({ allErrors: true }).compile(RESOURCE_SCHEMA);
const LABS = join(import.meta.dirname, '../../../labs');

const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
`;
const valid = (text: string) => parseAllDocuments(text).every((doc) => validate(doc.toJS()));

describe('the Istio schema for the editor', () => {
  it('accepts every YAML file of every lab, starter and solution', () => {
    const files = readdirSync(LABS, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /(^|\/)(files|solution)\/.*\.ya?ml$/.test(f),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect([file, valid(readFileSync(join(LABS, file), 'utf8'))]).toEqual([file, true]);
  });

  it('refuses an unknown field and a wrong type', () => {
    expect(valid(vs)).toBe(true);
    expect(valid(vs.replace('  http:', '  htp:'))).toBe(false);
    expect(valid(vs.replace('subset: v1', 'subset: [v1]'))).toBe(false);
    expect(valid(vs.replace('kind: VirtualService\n', ''))).toBe(false);
  });
});
