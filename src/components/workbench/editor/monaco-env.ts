// Monaco's language workers, bundled by Vite and loaded from this origin (the page policy allows workers
// from 'self' only). Imported together with Monaco, after the page has painted.
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';

/**
 * Installs the worker factory. Workers start only once `startAfter` settles: the TypeScript worker is a 7 MB
 * script, and parsing it while the lab boots would take the CPU from the shell and the editor the learner is
 * waiting for. Until then the editor highlights and edits; type checking and completion follow moments later.
 */
export function installMonacoWorkers(startAfter: Promise<unknown>): void {
  (globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    async getWorker(_id: string, label: string): Promise<Worker> {
      await startAfter.catch(() => undefined);
      if (label === 'typescript' || label === 'javascript') return new TsWorker();
      return new EditorWorker();
    },
  };
}
