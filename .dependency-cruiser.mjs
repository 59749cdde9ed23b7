// dependency-cruiser's configuration, built from the map in scripts/architecture/layers.mjs: `npm test` fails on
// an import that goes the wrong way, that skips a layer's entry point, or that closes a cycle. See
// docs/architecture.md. Run by scripts/architecture/check.mjs (which also covers imports in .astro files).
import { layers, tooling } from './scripts/architecture/layers.mjs';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A path regex for a layer's folders (a folder ends in `/`; anything else is one file). */
const pathOf = (folders) => `^(${folders.map((f) => (f.endsWith('/') ? escape(f) : `${escape(f)}$`)).join('|')})`;
const byId = new Map([...layers, ...tooling].map((layer) => [layer.id, layer]));
const layerPath = (id) => {
  const layer = byId.get(id);
  if (layer === undefined) throw new Error(`layers.mjs: unknown layer "${id}"`);
  return pathOf(layer.folders);
};
const TEST = '\\.(test|spec|bench)\\.ts$';
/** Everything that is ours (what the layer rules look at); packages are free to import. */
const OURS = pathOf([...layers, ...tooling].flatMap((layer) => layer.folders));

const layerRules = layers.flatMap((layer) => {
  const own = layerPath(layer.id);
  const allowed = [own, ...layer.imports.map(layerPath)];
  const rules = [
    {
      name: `layer-${layer.id}`,
      comment: `${layer.id} may import only ${layer.imports.join(', ') || 'nothing else of ours'} (docs/architecture.md)`,
      severity: 'error',
      from: { path: own, pathNot: TEST },
      to: { path: OURS, pathNot: allowed },
    },
    {
      name: `layer-${layer.id}-tests`,
      comment: `tests of ${layer.id} may import what ${layer.id} may, plus ${(layer.testImports ?? []).join(', ') || 'nothing else'}`,
      severity: 'error',
      from: { path: `${own}.*${TEST}` },
      to: { path: OURS, pathNot: [...allowed, ...(layer.testImports ?? []).map(layerPath)] },
    },
  ];
  if (layer.entries !== undefined) {
    const entries = pathOf(layer.entries);
    const testing = pathOf(layer.folders.map((f) => `${f}testing/`));
    rules.push(
      {
        name: `entry-${layer.id}`,
        comment: `other layers enter ${layer.id} through ${layer.entries.join(' or ')}`,
        severity: 'error',
        from: { pathNot: [own, TEST] },
        to: { path: own, pathNot: entries },
      },
      {
        name: `entry-${layer.id}-tests`,
        comment: `other layers' tests enter ${layer.id} through ${layer.entries.join(' or ')} or its testing/ folder`,
        severity: 'error',
        from: { path: TEST, pathNot: own },
        to: { path: own, pathNot: [entries, testing] },
      },
    );
  }
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: 'no-runtime-cycle',
      comment: 'a cycle of imports that run (type-only imports vanish at run time and are reported apart)',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-type-cycle',
      comment: 'a cycle closed by type-only imports: harmless at run time, but the files should not need each other',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
    {
      name: 'mesh-core-runs-in-browsers',
      comment: 'the mesh runs in browsers too: Node-only code lives in src/mesh/net/node',
      severity: 'error',
      from: { path: '^src/mesh/', pathNot: ['^src/mesh/net/node/', TEST] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: { path: OURS },
      to: { couldNotResolve: true, pathNot: '^(astro|virtual):' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.astro)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
