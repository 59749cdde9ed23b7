// Monaco's language workers, bundled by Vite and loaded from this origin (the page policy allows workers
// from 'self' only). Imported together with Monaco, after the page has painted.
import type * as Monaco from './monaco';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';

/**
 * Installs the worker factory (TypeScript, YAML with the Istio schemas via monaco-yaml, and Monaco's own).
 * Workers start only once `startAfter` settles: the TypeScript worker is a 7 MB script, and parsing it while
 * the lab boots would take the CPU from the shell and the editor the learner is waiting for. Until then the
 * editor highlights and edits; checking and completion follow moments later.
 */
export function installMonacoWorkers(monaco: typeof Monaco, startAfter: Promise<unknown>): void {
  const getWorker = async (label: string): Promise<Worker> => {
    await startAfter.catch(() => undefined);
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    if (label === 'yaml') return new YamlWorker();
    return new EditorWorker();
  };
  (globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) => getWorker(label),
  };
  adaptLegacyWorkerRequests(monaco, getWorker);
}

interface LegacyWorkerOptions {
  moduleId?: string;
  label?: string;
  createData?: unknown;
}

/**
 * monaco-yaml 5.5 (through monaco-worker-manager 2) still asks for a worker the way Monaco did before 0.55,
 * `createWebWorker({ moduleId, label, createData })`; Monaco 0.57 wants the Worker itself. This gives it one
 * from the factory above and first sends the two messages that worker's bootstrap waits for: one that starts
 * it, then its createData (the schemas). Drop it once monaco-yaml speaks the new API (monaco-yaml#272).
 */
function adaptLegacyWorkerRequests(monaco: typeof Monaco, getWorker: (label: string) => Promise<Worker>): void {
  const create = monaco.editor.createWebWorker;
  monaco.editor.createWebWorker = ((options: Parameters<typeof create>[0] | LegacyWorkerOptions) => {
    if ('worker' in options) return create(options);
    const worker = getWorker(options.label ?? '').then((started) => {
      started.postMessage('start');
      started.postMessage(options.createData);
      return started;
    });
    return create({ worker });
  }) as typeof create;
}
