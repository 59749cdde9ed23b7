import { describe, expect, it } from 'vitest';
import { completionsAt, validateManifests } from './yaml-schema';

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

describe('Istio YAML schema', () => {
  it('accepts a valid VirtualService', () => {
    expect(validateManifests(vs)).toEqual([]);
  });
  it('reports an unknown field at its key and a wrong type at its value', () => {
    const bad = vs.replace('  http:', '  htp:').replace('subset: v1', 'subset: [v1]');
    const problems = validateManifests(bad).map((p) => [bad.slice(p.start, p.end), p.message]);
    expect(problems).toContainEqual(['htp', 'unknown field "htp"']);
  });
  it('completes the fields of a VirtualService spec and of a route destination', () => {
    const atSpec = vs.indexOf('  hosts:') + 2;
    expect(completionsAt(vs, atSpec).map((c) => c.name)).toContain('http');
    const text = vs.replace('        subset: v1\n', '        \n');
    const names = completionsAt(text, text.lastIndexOf('        ') + 8).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['host', 'subset', 'port']));
  });
});
