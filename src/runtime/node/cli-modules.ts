// Everything bin/meshdojo.mjs runs, as one module graph: tsx's tsImport loads each entry it is given as a graph of
// its own, so two entries would load the mesh twice — a slower start, and an error class of one copy that the
// other's `instanceof` does not know (the lab folder's shell came from one graph, the script runner from another).
export { readAll, runInteractive, runScript } from './interactive';
export { createMeshSession } from '../../mesh/cli/index';
export { openFolderShell, runLabsCli } from '../../labs/node/cli';
