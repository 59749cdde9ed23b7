/**
 * The one place src/labs reaches into the mesh: the facade (src/mesh/index.ts) and the learner's shell. Every
 * grader, check and test imports these from here, so a move in src/mesh is a one-line change.
 */
export { createCluster, HttpClient, SAMPLE_FILES, type Cluster, type ClientResponse } from '../../mesh/index';
export { createShell, type Shell, type ShellResult } from '../../mesh/cli/shell/create-shell';
