// The lab editor's schema and the simulated API server judge YAML alike: both accept every YAML file of every
// lab (starter and solution), and both refuse the same mistakes made in them (an unknown field, a list where a
// string belongs, text where a number belongs). The schema is generated from the API server's model packages
// (scripts/site/editor-schema.mjs); this is what keeps the two from drifting apart. An IstioOperator is read by
// istioctl, not the API server, so istioctl's decoder judges it instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, crdManifests, type SimCluster } from '../../src/mesh';
import { istioOperatorSpecProblem } from '../../src/mesh/cli';
import { editorSchema } from './editor-schema.mjs';

const LABS = join(import.meta.dirname, '../../src/labs');
type Doc = Record<string, unknown>;

const labYaml = readdirSync(LABS, { recursive: true, encoding: 'utf8' })
  .filter((file) => /(^|\/)(files|solution)\/.*\.ya?ml$/.test(file))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(LABS, file), 'utf8'))
      .map((doc) => doc.toJS() as Doc | null)
      .filter((doc): doc is Doc => doc !== null)
      .map((doc, i) => ({ name: `${file}#${i}`, doc })),
  );

/** The first leaf under `spec` of the given type, as a path of keys. */
function firstLeaf(
  value: unknown,
  type: 'string' | 'number',
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  if (typeof value === type) return path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    // An EnvoyFilter's patch value (typed_config, typed_per_filter_config, …) is a free-form Struct: the editor and
    // the API server both take any value there.
    if (key === 'typed_config' || (key === 'value' && path.at(-1) === 'patch')) continue;
    const found = firstLeaf(child, type, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function replaced(doc: Doc, path: (string | number)[], make: (old: unknown) => unknown): Doc {
  const copy = structuredClone(doc);
  let at = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  at[last] = make(at[last]);
  return copy;
}

/** The mistakes learners make, applied to a valid document. */
function mistakes(doc: Doc): Array<{ what: string; doc: Doc }> {
  const out = [
    { what: 'an unknown field in spec', doc: replaced(doc, ['spec'], (spec) => ({ ...(spec as Doc), hostz: ['x'] })) },
  ];
  const text = firstLeaf(doc['spec'], 'string');
  if (text !== undefined)
    out.push({ what: `a list at spec.${text.join('.')}`, doc: replaced(doc, ['spec', ...text], (v) => [v]) });
  const number = firstLeaf(doc['spec'], 'number');
  if (number !== undefined)
    out.push({ what: `text at spec.${number.join('.')}`, doc: replaced(doc, ['spec', ...number], () => 'many') });
  return out;
}

let editorAccepts: (doc: Doc) => boolean;
let cluster: SimCluster;
const serverAccepts = (doc: Doc) =>
  doc['kind'] === 'IstioOperator'
    ? istioOperatorSpecProblem((doc['spec'] ?? {}) as Doc) === undefined
    : cluster.kube.applyAll([doc], { namespace: 'default', dryRun: 'server' }).every((result) => result.ok);

beforeAll(async () => {
  const validate = new Ajv({ allErrors: true }).compile(await editorSchema());
  editorAccepts = (doc) => validate(doc) === true;
  cluster = await createCluster({ seed: 1, clock: 'virtual', preset: 'istio' });
  // Labs that write Gateway API objects install its CRDs first (lab 1.8's first step), as a real cluster needs.
  cluster.kube.applyAll(crdManifests('gateway-api'), { namespace: 'default' });
}, 60_000);

afterAll(() => cluster.dispose());

describe('the editor schema and the API server', () => {
  it('both accept every YAML document of every lab', () => {
    expect(labYaml.length).toBeGreaterThan(0);
    for (const { name, doc } of labYaml) {
      expect([name, editorAccepts(doc), serverAccepts(doc)]).toEqual([name, true, true]);
    }
  });

  it('both refuse the same mistakes in them', () => {
    let judged = 0;
    for (const { name, doc } of labYaml) {
      for (const mistake of mistakes(doc)) {
        const verdicts = [`${name}: ${mistake.what}`, editorAccepts(mistake.doc), serverAccepts(mistake.doc)];
        expect(verdicts).toEqual([verdicts[0], false, false]);
        judged++;
      }
    }
    expect(judged).toBeGreaterThan(labYaml.length);
  });

  it('knows every kind the API server serves and refuses one it does not', async () => {
    expect(
      editorAccepts({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualServce', metadata: { name: 'x' } }),
    ).toBe(false);
    expect(
      editorAccepts({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'x' } }),
    ).toBe(true);
  });
});
