/**
 * The one place src/labs reaches into the mesh: the facade (src/mesh/index.ts) and the learner's terminal (the
 * CLI's public face, src/mesh/cli/index.ts: the shell sits on top of the facade, so the facade cannot export
 * it without an import cycle). Every lab session, grader, check and test imports these from here, so a move
 * in src/mesh is a one-line change.
 */
export {
  HttpClient,
  type Clock,
  type Preset,
  type SimCluster,
  type Pod,
  type ClientResponse,
  type RequestBreaker,
  localReply,
  type HttpFilter,
  type HttpFilterFactory,
  SAMPLE_FILES,
  BootClock,
  describeDecision,
  outcomeOf,
  requestCause,
  requestVerdict,
  type HopRecord,
  type RequestRecord,
  translateHttpRoutesForHost,
  type EnvoyRoute,
  type HTTPRoute,
  type RouteServicePorts,
} from '../mesh/index';
export {
  createMeshSession,
  checkJournal,
  JournalError,
  type JournalEntry,
  type MeshSession,
  type Shell,
  type ShellResult,
} from '../mesh/cli/index';
