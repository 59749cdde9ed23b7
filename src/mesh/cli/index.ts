// The learner's terminal and the commands in it, for the browser terminal, the Node CLI and WebContainers.
export { createMeshSession, type MeshSession, type MeshSessionOptions } from './session';
export { checkJournal, JournalError, JOURNAL_LIMITS, type JournalEntry } from './journal';
export {
  createShell,
  HOME,
  ISTIO_DIR,
  type RunOptions,
  type Shell,
  type ShellOptions,
  type ShellResult,
} from './shell/create-shell';
export { ourCommands } from './commands';
export { istioOperatorSpecProblem } from './istioctl/istio-operator';
export type { CommandFs, CommandIo, CommandRun, Output } from './io';
export {
  MAX_PAGE_CHARS,
  MAX_REDIRECTS,
  type BrowserErrorCode,
  type Hop,
  type Navigation,
  type Visit,
} from './browser/visit';
export { EditorUnavailable, type EditContext, type TextEditor } from './editor';
