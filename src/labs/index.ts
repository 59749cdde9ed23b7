/**
 * src/labs' public face for the workbench and the runtimes: the registry, the format's types and the grader.
 * Node-only pieces (the CLI, the sandboxed grading process, the directory-scan registry) live in ./node and are
 * imported from there by Node code only. The lab session (lab-session.ts: the mesh and nothing else) is imported
 * directly, so the terminal's Worker boots a lab without loading the registry and the grader.
 */
export { labs, getLab } from './registry';
export {
  runChecks,
  gradeWorkspace,
  workspaceFiles,
  explain,
  GRADER_SEED,
  DEFAULT_CHECK_BUDGET_MS,
  stepsToGrade,
  checksToRun,
  type RunChecksOptions,
  type GradedWorkspace,
} from './grader/run-checks';
export { wallClockTimeout, CHECK_TIME_LIMIT_MS, localizeReport, type LocalizedReport } from './grader/report';
export { goLive } from './grader/live';
export { assembleLab, LabDefinitionError } from './assemble';
export { solutionAnswers, solutionFiles, solutionJournal } from './solution-replay';
export {
  LAB_MARKER_PATH,
  JOURNAL_PATH,
  ANSWERS_PATH,
  answersText,
  readAnswers,
  LAB_FOLDER_VERSION,
  labMarkerText,
  readLabMarker,
  journalText,
  type LabMarker,
} from './folder-format';
export {
  LANGS,
  bilingualSchema,
  labMetaSchema,
  checkSchema,
  checksSchema,
  checkOutcomeSchema,
  stepMetaSchema,
  stepTextSchema,
  defineLab,
  defineChecks,
  type Bilingual,
  type Lang,
  type Lab,
  type LabStep,
  type StepMeta,
  type StepText,
  type LabMeta,
  type LabMetaInput,
  type Check,
  type CheckContext,
  type LiveHook,
  type CheckInput,
  type CheckOutcome,
  type CheckResult,
  type CheckReport,
  type QuizAnswers,
  type QuizQuestions,
} from './schema';
