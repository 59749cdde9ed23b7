import '../layout/adopted-styles';
import * as monaco from 'monaco-editor';
import type { LabFile } from '../../../runtime/types';
import { installMonacoWorkers } from './monaco-env';
import { attachYamlSchema } from './yaml-schema';

export interface LabEditor {
  open(path: string): void;
  value(path: string): string;
  setValue(path: string, text: string): void;
  onChange(listener: (path: string, text: string) => void): void;
  format(): Promise<void>;
  showDiff(path: string, solution: string): void;
  hideDiff(): void;
  focus(): void;
}

const uriOf = (path: string) => monaco.Uri.parse(`file:///lab/${path}`);
const languageOf = (path: string) =>
  /\.(ya?ml)$/.test(path) ? 'yaml' : /\.tsx?$/.test(path) ? 'typescript' : /\.json$/.test(path) ? 'json' : 'plaintext';

/**
 * Monaco over the lab's files: one model per file (so TypeScript sees the lab's own interfaces across
 * files), YAML checked against the Istio/Kubernetes schemas, read-only files locked, the theme following
 * Starlight's, and a diff view against the solution.
 */
export function createLabEditor(
  host: HTMLElement,
  files: LabFile[],
  ariaLabel: string,
  readOnlyMessage: string,
): LabEditor {
  installMonacoWorkers();
  monaco.typescript.typescriptDefaults.setCompilerOptions({
    target: monaco.typescript.ScriptTarget.ES2020,
    module: monaco.typescript.ModuleKind.ESNext,
    moduleResolution: monaco.typescript.ModuleResolutionKind.NodeJs,
    strict: true,
    noEmit: true,
  });
  // Every lab file goes to the TypeScript worker, not only the open one: imports between them resolve.
  monaco.typescript.typescriptDefaults.setEagerModelSync(true);
  const readOnly = new Set(files.filter((f) => f.readOnly).map((f) => f.path));
  const models = new Map(
    files.map((f) => [f.path, monaco.editor.createModel(f.content, languageOf(f.path), uriOf(f.path))]),
  );
  const theme = () => (document.documentElement.dataset['theme'] === 'light' ? 'vs' : 'vs-dark');
  const editor = monaco.editor.create(host, {
    model: models.get(files[0]!.path) ?? null,
    ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    scrollBeyondLastLine: false,
    theme: theme(),
    readOnly: readOnly.has(files[0]!.path),
    readOnlyMessage: { value: readOnlyMessage },
  });
  for (const model of models.values()) if (model.getLanguageId() === 'yaml') attachYamlSchema(monaco, model);
  new MutationObserver(() => monaco.editor.setTheme(theme())).observe(document.documentElement, {
    attributeFilter: ['data-theme'],
  });
  const listeners: Array<(path: string, text: string) => void> = [];
  for (const [path, model] of models) {
    model.onDidChangeContent(() => listeners.forEach((listener) => listener(path, model.getValue())));
  }
  let diff: monaco.editor.IStandaloneDiffEditor | undefined;
  let diffHost: HTMLElement | undefined;
  let current = files[0]!.path;

  return {
    open(path) {
      const model = models.get(path);
      if (!model) return;
      current = path;
      editor.setModel(model);
      editor.updateOptions({ readOnly: readOnly.has(path) });
    },
    value: (path) => models.get(path)?.getValue() ?? '',
    setValue(path, text) {
      const model = models.get(path);
      // pushEditOperations keeps Monaco's own undo stack, so Ctrl-Z also undoes Solve and Reset.
      if (model && model.getValue() !== text)
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    },
    onChange: (listener) => void listeners.push(listener),
    async format() {
      await editor.getAction('editor.action.formatDocument')?.run();
    },
    showDiff(path, solution) {
      this.hideDiff();
      diffHost = document.createElement('div');
      diffHost.className = 'diff-host';
      host.append(diffHost);
      diff = monaco.editor.createDiffEditor(diffHost, {
        readOnly: true,
        automaticLayout: true,
        renderSideBySide: host.clientWidth > 700,
        ariaLabel,
      });
      diff.setModel({ original: models.get(path)!, modified: monaco.editor.createModel(solution, languageOf(path)) });
      current = path;
    },
    hideDiff() {
      const modified = diff?.getModel()?.modified;
      diff?.dispose();
      modified?.dispose();
      diffHost?.remove();
      diff = undefined;
      if (current) editor.focus();
    },
    focus: () => editor.focus(),
  };
}
