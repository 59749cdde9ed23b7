import '../layout/adopted-styles';
import * as monaco from './monaco';
import type { LabFile } from '../../../runtime/types';
import { installMonacoWorkers } from './monaco-env';
import { MONO_FONT_SIZE as FONT_SIZE, monoFontFamily, monoFontIsLoaded, monoFontLoaded } from '../mono-font';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';

export interface LabEditor {
  open(path: string): void;
  value(path: string): string;
  setValue(path: string, text: string): void;
  onChange(listener: (path: string, text: string) => void): void;
  format(): Promise<void>;
  /**
   * Covers the editor with a diff, labelled above each side: the learner's live file on the left (still
   * editable), the solution (read-only) on the right, so the marked lines read as what to change. Escape
   * closes it; `onClose` runs however it closes, and focus goes back to the editor.
   */
  showDiff(path: string, solution: string, labels: DiffLabels, onClose: () => void): void;
  /** Closes the diff (if open); `focus` puts the caret back in the editor. */
  hideDiff(focus?: boolean): void;
  focus(): void;
  /**
   * A file that is not the lab's (the object `kubectl edit` opened): shown and editable like one, checked against
   * the same schemas, never saved into the lab. Opening one already open replaces its text.
   */
  openTemporary(path: string, text: string): void;
  closeTemporary(path: string): void;
  /** Ctrl-S (⌘S) in the editor, with the path of the file shown. */
  onSave(listener: (path: string) => void): void;
}

export interface DiffLabels {
  region: string;
  yours: string;
  solution: string;
}

let yamlConfigured = false;

/**
 * Completion, hover, validation and formatting of the lab's YAML against the Istio/Kubernetes schemas. The
 * schema (700 KB, generated at build from the API server's model packages: scripts/site/editor-schema.mjs) is a
 * chunk of its own that only the YAML worker reads; it loads after `after` (the prompt), as that worker starts:
 * the editor does not wait for it, and the page does not read it while it is still mounting.
 */
function configureYaml(after: Promise<unknown>): void {
  if (yamlConfigured) return;
  yamlConfigured = true;
  const yaml = configureMonacoYaml(monaco, {
    enableSchemaRequest: false, // the schemas are ours: nothing is fetched from another origin
    format: { singleQuote: false, proseWrap: 'preserve' },
    schemas: [],
  });
  void after
    .then(() => import('virtual:meshdojo/editor-schema'))
    .then(({ default: schema }) =>
      yaml.update({
        schemas: [
          {
            uri: 'https://meshdojo.local/schemas/kubernetes-istio-resources.json',
            fileMatch: ['file:///lab/**/*.yaml', 'file:///lab/**/*.yml', 'file:///tmp/kubectl-edit-*.yaml'],
            schema: schema as JSONSchema,
          },
        ],
      }),
    );
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
  languageWorkersAfter: Promise<unknown> = Promise.resolve(),
): LabEditor {
  installMonacoWorkers(monaco, languageWorkersAfter);
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
    fontSize: FONT_SIZE,
    fontFamily: monoFontFamily(),
    tabSize: 2,
    scrollBeyondLastLine: false,
    theme: theme(),
    readOnly: readOnly.has(files[0]!.path),
    readOnlyMessage: { value: readOnlyMessage },
  });
  configureYaml(languageWorkersAfter);
  // Monaco measures its font once; if the course's face arrives after that, measure again (which lays the whole
  // page out again: only then).
  if (!monoFontIsLoaded()) void monoFontLoaded().then(() => monaco.editor.remeasureFonts());
  new MutationObserver(() => monaco.editor.setTheme(theme())).observe(document.documentElement, {
    attributeFilter: ['data-theme'],
  });
  const listeners: Array<(path: string, text: string) => void> = [];
  for (const [path, model] of models) {
    model.onDidChangeContent(() => listeners.forEach((listener) => listener(path, model.getValue())));
  }
  let diff:
    | {
        view: monaco.editor.IStandaloneDiffEditor;
        region: HTMLElement;
        solution: monaco.editor.ITextModel;
        onClose: () => void;
      }
    | undefined;
  /** Temporary files by their absolute path (`/tmp/kubectl-edit-1.yaml`), at that path's own URI. */
  const temporary = new Map<string, monaco.editor.ITextModel>();
  const modelOf = (path: string) => models.get(path) ?? temporary.get(path);
  const open = (path: string) => {
    const model = modelOf(path);
    if (!model || editor.getModel() === model) return;
    editor.setModel(model);
    editor.updateOptions({ readOnly: readOnly.has(path) });
  };
  const saveListeners: Array<(path: string) => void> = [];
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
    const shown = editor.getModel();
    const path = [...models, ...temporary].find(([, model]) => model === shown)?.[0];
    if (path !== undefined) saveListeners.forEach((listener) => listener(path));
  });

  return {
    open,
    value: (path) => modelOf(path)?.getValue() ?? '',
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
    showDiff(path, solution, labels, onClose) {
      const learner = models.get(path);
      if (!learner) return;
      this.hideDiff(false);
      open(path);
      const region = document.createElement('section');
      region.className = 'diff-host';
      region.id = 'lab-diff';
      region.setAttribute('aria-label', labels.region);
      // The signs are Monaco's own for the two sides' lines, so the labels also read right in its inline view.
      const sides = document.createElement('div');
      sides.className = 'diff-sides';
      sides.append(side('yours', '−', labels.yours), side('solution', '+', labels.solution));
      const viewHost = document.createElement('div');
      viewHost.className = 'diff-view';
      region.append(sides, viewHost);
      host.append(region);
      const theirs = monaco.editor.createModel(solution, languageOf(path));
      // Monaco's "original" is the text before a change: the learner's file, changed into the solution.
      const view = monaco.editor.createDiffEditor(viewHost, {
        originalEditable: !readOnly.has(path),
        readOnly: true,
        automaticLayout: true,
        renderSideBySide: true,
        // The labels above sit over the two halves: the split stays in the middle.
        enableSplitViewResizing: false,
        // Monaco falls back to the inline view below this width (its default, 900 px, is wider than the pane).
        renderSideBySideInlineBreakpoint: 560,
        minimap: { enabled: false },
        fontSize: FONT_SIZE,
        fontFamily: monoFontFamily(),
        scrollBeyondLastLine: false,
        originalAriaLabel: labels.yours,
        modifiedAriaLabel: labels.solution,
      });
      view.setModel({ original: learner, modified: theirs });
      region.addEventListener('keydown', (event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        event.stopPropagation();
        this.hideDiff();
      });
      diff = { view, region, solution: theirs, onClose };
      view.getOriginalEditor().focus();
    },
    hideDiff(focus = true) {
      if (!diff) return;
      const { view, region, solution, onClose } = diff;
      diff = undefined;
      // The learner's model stays: it is the file itself; only the solution's copy goes.
      view.dispose();
      solution.dispose();
      region.remove();
      onClose();
      if (focus) editor.focus();
    },
    focus: () => editor.focus(),
    openTemporary(path, text) {
      const model = temporary.get(path);
      if (model) model.setValue(text);
      else temporary.set(path, monaco.editor.createModel(text, languageOf(path), monaco.Uri.file(path)));
      // A file kubectl opens again has its reasons at the top: start there, as an editor opening it would.
      if (model !== undefined && editor.getModel() === model) {
        editor.setPosition({ lineNumber: 1, column: 1 });
        editor.setScrollTop(0);
      }
    },
    closeTemporary(path) {
      temporary.get(path)?.dispose();
      temporary.delete(path);
    },
    onSave: (listener) => void saveListeners.push(listener),
  };
}

function side(which: 'yours' | 'solution', sign: string, label: string): HTMLElement {
  const element = document.createElement('p');
  element.className = `diff-side diff-${which}`;
  const mark = Object.assign(document.createElement('span'), { className: 'diff-sign', textContent: sign });
  mark.setAttribute('aria-hidden', 'true');
  element.append(mark, label);
  return element;
}
