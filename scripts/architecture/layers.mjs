// The map of the code, as data: every folder of src/ (and bin/) belongs to one layer, and a layer may import
// only itself and the layers it lists, through their entry points. `.dependency-cruiser.mjs` turns this into
// the rules `npm test` enforces; `scripts/architecture/diagram.mjs` turns it into the diagram in
// docs/architecture.md. Change the map here, then run `npm run architecture:diagram`.

/**
 * @typedef {object} Layer
 * @property {string} id          short name used in `imports` and in messages
 * @property {string[]} folders   what belongs to it (a folder ends in `/`; anything else is one file)
 * @property {string} summary     one line for the diagram
 * @property {string[]} imports   the layers it may import (besides itself)
 * @property {string[]} [entries] the files other layers must import it through (default: every file)
 * @property {string[]} [testImports] extra layers its tests (`*.test.ts`) may import
 */

/** Top to bottom: a layer only ever imports layers listed after it. */
/** @type {Layer[]} */
export const layers = [
  {
    id: 'pages',
    folders: ['src/pages/', 'src/content.config.ts', 'content/'],
    summary: 'Astro routes and MDX lessons (Starlight shell, lab pages)',
    imports: ['components', 'runtime', 'i18n', 'styles'],
  },
  {
    id: 'components',
    folders: ['src/components/'],
    summary:
      'UI: the lab workbench (editor, terminal, checks, mesh graph), progress and the lab catalogue, reviews, diagrams, lesson lists, the glossary',
    imports: ['runtime', 'workshop-protocol', 'i18n', 'styles'],
  },
  { id: 'styles', folders: ['src/styles/'], summary: 'self-hosted fonts and theme', imports: [] },
  { id: 'i18n', folders: ['src/i18n/'], summary: 'UI strings, one flat JSON per locale', imports: [] },
  {
    id: 'bin',
    folders: ['bin/'],
    summary: 'the meshdojo command: shell, labs, lab, check, workshop (loads its TypeScript through tsx)',
    imports: ['workshop-server', 'runtime', 'labs'],
  },
  {
    id: 'workshop-server',
    folders: ['src/workshop/server/'],
    summary: 'meshdojo workshop: the course and the workshop API from one Node process; SQLite or PostgreSQL store',
    // scripts: the course's own server (scripts/serve.mjs) and the site's headers, so a workshop serves the same
    // files with the same policy as `npm start`.
    imports: ['workshop-protocol', 'labs', 'scripts'],
  },
  {
    id: 'workshop-protocol',
    folders: ['src/workshop/protocol/'],
    entries: ['src/workshop/protocol/index.ts', 'src/workshop/protocol/limits.ts'],
    summary: "the workshop's wire contract (zod): request bodies, answers, events; browser-safe",
    imports: [],
  },
  {
    id: 'runtime',
    folders: ['src/runtime/'],
    summary: 'LabRuntime: sandbox Worker | WebContainer | Node; the terminal bound to a shell',
    imports: ['labs', 'mesh', 'terminal'],
    testImports: ['scripts'],
  },
  {
    id: 'labs',
    folders: ['src/labs/'],
    summary:
      'one folder per lab (lab.ts, steps/, files/, solution/, checks.ts); lab session, grader, question kind, meshdojo lab|shell|check',
    imports: ['mesh', 'terminal'],
  },
  {
    id: 'mesh-tests',
    folders: ['src/mesh/testing/'],
    summary: "istio.io's task pages run verbatim against the mesh",
    imports: ['mesh', 'terminal'],
  },
  {
    id: 'terminal',
    folders: ['src/mesh/cli/'],
    // shell-words.ts: how bash reads a line (quotes, here-documents, compound commands), without the shell's
    // code, so the page's line editor can wait for a command to be complete.
    entries: ['src/mesh/cli/index.ts', 'src/mesh/cli/shell/shell-words.ts'],
    summary: "the learner's shell (just-bash) and its commands: kubectl, istioctl, curl, fortio, …",
    imports: ['mesh'],
  },
  {
    id: 'mesh',
    folders: ['src/mesh/index.ts'],
    summary: "the mesh's public face: createCluster and the types clients use",
    imports: ['cluster', 'envoy', 'istiod', 'kube', 'apps', 'net', 'sim', 'xds'],
  },
  {
    id: 'cluster',
    folders: ['src/mesh/cluster/'],
    entries: ['src/mesh/cluster/index.ts'],
    summary: 'composition root: a SimCluster of sim, net, kube, workloads, istiod and proxies',
    imports: ['istiod', 'envoy', 'apps', 'kube', 'net', 'sim', 'xds'],
    testImports: ['terminal'],
  },
  {
    id: 'istiod',
    folders: ['src/mesh/istiod/'],
    entries: ['src/mesh/istiod/index.ts'],
    summary: 'control plane: model (snapshot, push request), translate (Istio → xDS, pure), server, CA',
    imports: ['kube', 'xds', 'sim'],
  },
  {
    id: 'envoy',
    folders: ['src/mesh/envoy/'],
    entries: ['src/mesh/envoy/index.ts'],
    summary: 'data plane: listeners, HTTP filters, routes, upstream clusters, breakers, admin',
    imports: ['net', 'xds', 'sim'],
  },
  {
    id: 'apps',
    folders: ['src/mesh/apps/'],
    entries: ['src/mesh/apps/index.ts'],
    summary: "workloads as async scripts (Bookinfo, httpbin, fortio, sleep) and Istio's sample files",
    imports: ['net', 'sim'],
  },
  {
    id: 'kube',
    folders: ['src/mesh/kube/'],
    entries: ['src/mesh/kube/index.ts'],
    summary: 'mini API server: objects, validation, watch, controllers, sidecar injection',
    imports: ['sim'],
  },
  {
    id: 'net',
    folders: ['src/mesh/net/'],
    entries: ['src/mesh/net/index.ts', 'src/mesh/net/node/index.ts'],
    summary: 'Net interface: SimNet (simulated hosts, links, DNS) and NodeNet (real sockets, Node only)',
    imports: ['sim'],
  },
  {
    id: 'xds',
    folders: ['src/mesh/xds/'],
    entries: ['src/mesh/xds/index.ts'],
    summary: "Envoy-shaped resources and their validation: istiod's and envoy's contract",
    imports: [],
  },
  {
    id: 'sim',
    folders: ['src/mesh/sim/'],
    entries: ['src/mesh/sim/index.ts'],
    summary: 'clocks (virtual, real, boot), scheduler, seeded random, trace; the world’s epoch and Istio release',
    imports: [],
  },
];

/** Not layers of the product, but code the rules still look at (for cycles and for who imports them). */
export const tooling = [{ id: 'scripts', folders: ['scripts/'] }];

/** The layer a repository path (`src/mesh/kube/store.ts`) belongs to, if any. */
export function layerOf(path) {
  return layers.find((layer) => layer.folders.some((f) => (f.endsWith('/') ? path.startsWith(f) : path === f)));
}
