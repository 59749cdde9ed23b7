import type { CheckRunReport, LabRuntime } from '../../runtime/types';
import type { LabEditor } from './editor/lab-editor';
import type { QuizSteps } from './steps/quiz-steps';
import type { WorkspaceRecord, WorkspaceStore } from './store/workspace-store';
import type { WorkbenchData } from './workbench-data';

/** One lab page's workbench as its parts share it (main.ts builds it; the toolbar's actions use it). */
export interface Workbench {
  root: HTMLElement;
  data: WorkbenchData;
  store: WorkspaceStore;
  record: WorkspaceRecord;
  runtime: Promise<LabRuntime>;
  editor: Promise<LabEditor>;
  /** Path of the file tab showing (undefined on the graph tab). */
  current: string | undefined;
  setFiles(files: Record<string, string>): void;
  persist(): void;
  /** The step on screen (what "Check this step" grades). */
  currentStep(): string | undefined;
  /** The lab's quiz steps, graded in the page. */
  quiz: QuizSteps;
  /** Marks the steps done from the learner's progress, with what `report`'s checks saw. */
  showProgress(report: CheckRunReport | undefined): void;
}
