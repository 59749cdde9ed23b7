// The map is enforced: each wrong-way import the architecture issue listed is refused by the rules built from
// scripts/architecture/layers.mjs, cycles are told apart by kind, and the diagram in docs/architecture.md is the
// one generated from the same map.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchitecture } from './check.mjs';
import { DOC, withDiagram } from './diagram.mjs';

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: 'error' | 'warn' };
}

/** A tiny tree with the mesh's folders, where each file imports what the test wants to see refused. */
const FIXTURE: Record<string, string> = {
  'src/mesh/index.ts': "export * from './cluster';\n",
  'src/mesh/cluster/index.ts': "export * from './types';\n",
  'src/mesh/cluster/types.ts': 'export interface SimCluster { name: string }\n',
  'src/mesh/kube/index.ts': "export { applyAll } from './apply';\n",
  'src/mesh/kube/apply.ts': 'export const applyAll = 1;\n',
  'src/mesh/kube/clone.ts': 'export const cloneObject = 1;\n',
  'src/mesh/sim/index.ts': 'export const clock = 1;\n',
  'src/mesh/envoy/index.ts': "export * from './proxy';\n",
  'src/mesh/istiod/index.ts': "export * from './translate/generator';\n",
  'src/mesh/cli/index.ts': "export * from './kubectl/apply';\n",
  // cli reaches past the mesh's entry point into kube
  'src/mesh/cli/kubectl/apply.ts': "import { applyAll } from '../../kube/apply';\nexport const a = applyAll;\n",
  // envoy imports upward, into the composition root
  'src/mesh/envoy/proxy.ts': "import type { SimCluster } from '../cluster/types';\nexport type P = SimCluster;\n",
  // sim imports the mesh's public face
  'src/mesh/sim/clock.ts': "import { createCluster } from '../index';\nexport const c = createCluster;\n",
  // istiod enters kube past its index
  'src/mesh/istiod/translate/generator.ts':
    "import { cloneObject } from '../../kube/clone';\nexport const g = cloneObject;\n",
  // a component reaches into the mesh's data plane
  'src/components/graph.ts': "import * as envoy from '../mesh/envoy';\nexport const e = envoy;\n",
  // an .astro component does the same from its frontmatter
  'src/components/Graph.astro': "---\nimport { clock } from '../mesh/sim';\nconst c = clock;\n---\n<p>{c}</p>\n",
  // a cycle of imports that run, and one closed by a type-only import
  'src/mesh/kube/store.ts': "import { w } from './watch';\nexport const s = () => w;\n",
  'src/mesh/kube/watch.ts': "import { s } from './store';\nexport const w = () => s;\n",
  'src/mesh/kube/pod.ts': "import type { N } from './node';\nexport interface P { n?: N }\n",
  'src/mesh/kube/node.ts': "import type { P } from './pod';\nexport interface N { p?: P }\n",
  // Node-only code in the mesh's core
  'src/mesh/kube/disk.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  // a folder nobody put on the map
  'src/workshop/server.ts': 'export const port = 4321;\n',
};

let violations: Violation[] = [];
let exitCode = 0;
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'meshdojo-architecture-fixture-'));
  for (const [path, text] of Object.entries(FIXTURE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const result = checkArchitecture(root, { outputType: 'json' });
  exitCode = result.exitCode;
  const json = result.output.slice(result.output.indexOf('{'), result.output.lastIndexOf('}') + 1);
  violations = (JSON.parse(json) as { summary: { violations: Violation[] } }).summary.violations;
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const refused = (from: string, to: string) =>
  violations.filter((v) => v.from === from && v.to === to && v.rule.severity === 'error').map((v) => v.rule.name);

describe('the import map', () => {
  it('fails the run', () => expect(exitCode).not.toBe(0));

  it('refuses the wrong-way imports the architecture issue listed', () => {
    expect(refused('src/mesh/cli/kubectl/apply.ts', 'src/mesh/kube/apply.ts')).toContain('layer-terminal');
    expect(refused('src/mesh/envoy/proxy.ts', 'src/mesh/cluster/types.ts')).toContain('layer-envoy');
    expect(refused('src/mesh/sim/clock.ts', 'src/mesh/index.ts')).toContain('layer-sim');
    expect(refused('src/mesh/istiod/translate/generator.ts', 'src/mesh/kube/clone.ts')).toContain('entry-kube');
    expect(refused('src/components/graph.ts', 'src/mesh/envoy/index.ts')).toContain('layer-components');
  });

  it('reads the imports of .astro files', () => {
    expect(refused('src/components/Graph.astro', 'src/mesh/sim/index.ts')).toContain('layer-components');
  });

  it('refuses a cycle of runtime imports and only warns about a type-only one', () => {
    const cycle = violations.filter((v) => v.rule.name === 'no-runtime-cycle').map((v) => v.from);
    expect(cycle).toEqual(expect.arrayContaining(['src/mesh/kube/store.ts']));
    const typeOnly = violations.filter((v) => v.from === 'src/mesh/kube/pod.ts' || v.from === 'src/mesh/kube/node.ts');
    expect(typeOnly.map((v) => [v.rule.name, v.rule.severity])).toContainEqual(['no-type-cycle', 'warn']);
    expect(typeOnly.filter((v) => v.rule.severity === 'error')).toEqual([]);
  });

  it('keeps Node-only modules out of the mesh core', () => {
    expect(refused('src/mesh/kube/disk.ts', 'fs')).toContain('mesh-core-runs-in-browsers');
  });

  it('refuses a folder that is on no layer', () => {
    const again = checkArchitecture(root);
    expect(again.output).toContain('not-on-the-map: src/workshop/server.ts');
  }, 60_000);
});

describe('docs/architecture.md', () => {
  it('shows the diagram generated from the map (npm run architecture:diagram)', () => {
    const page = readFileSync(DOC, 'utf8');
    expect(withDiagram(page)).toBe(page);
  });
});
