// The workbench's entry: small on purpose (it is the only JS a lab page loads before first paint). The
// runtime boots at once; xterm and Monaco are requested at once too and mounted after the page has painted.
import { startRuntime } from '../../runtime/boot';
import type { CheckRunReport, LabRuntime, ShellSession } from '../../runtime/types';
import { readProgress } from '../progress/progress';
import { bindActions } from './actions';
import type { BrowserTab } from './browser/browser-tab';
import { renderReport } from './checks/checks-panel';
import { bindEditTabs } from './editor/edit-tabs';
import type { LabEditor } from './editor/lab-editor';
import type { MetricsTab } from './metrics/metrics-tab';
import type { RequestsTab } from './requests/requests-tab';
import { editCommand } from './requests/requests-model';
import { bindFocusExit } from './layout/focus-exit';
import { bindMaximize } from './layout/maximize';
import { makeSplitter } from './layout/splitter';
import { makeTabs } from './layout/tabs';
import { showRuntime } from './runtime-status';
import { bindQuizSteps } from './steps/quiz-steps';
import { bindStepPane } from './steps/step-pane';
import { WorkspaceStore, type WorkspaceRecord } from './store/workspace-store';
import { describeSandboxEnd, format } from './strings';
import type { Workbench } from './workbench';
import { readWorkbenchData } from './workbench-data';
import { monoFontLoaded } from './mono-font';

const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

performance.mark('lab-script-start');

// Requested now, not after paint: their 5 MB download and compile off the main thread while the page parses and
// paints, which took ~100 ms off the editor's ready time (npm run bench). They are mounted after paint.
const terminalModule = import('./terminal/xterm-terminal');
const editorModule = import('./editor/lab-editor');

async function start(root: HTMLElement): Promise<void> {
  const data = readWorkbenchData(root);
  const { payload, strings: t } = data;
  // The monospace face both widgets measure, loading while the page paints, so neither waits for it or measures
  // twice (mono-font.ts).
  void monoFontLoaded(t['lab.terminal.booting']);
  const q = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const starter = Object.fromEntries(payload.files.map((f) => [f.path, f.content]));
  const store = await WorkspaceStore.open();
  const saved = await store.load(payload.id);
  const journal = [...(saved?.journal ?? [])];
  // The runtime boots first (it is the long pole) with the starter files and what the learner did in the
  // terminal before (replayed on virtual time, so the cluster is as they left it); the saved files follow.
  const booting = startRuntime(payload, { files: starter, journal });
  const files = { ...starter };
  for (const file of payload.files)
    if (!file.readOnly && saved?.files[file.path] !== undefined) files[file.path] = saved.files[file.path]!;
  const record: WorkspaceRecord = { ...saved, labId: payload.id, files, journal, updatedAt: saved?.updatedAt ?? 0 };
  void store.setCurrentLab(payload.id, payload.locale);
  const changed = Object.fromEntries(Object.entries(files).filter(([path, text]) => starter[path] !== text));
  const runtime = booting.then(async (ready) => {
    if (Object.keys(changed).length > 0) await ready.mount(changed);
    return ready;
  });
  const statusLine = q<HTMLElement>('[data-runtime-status]');
  statusLine.textContent = t['lab.runtime.booting'];
  runtime.then(
    (ready) => showRuntime(statusLine, ready, t, payload.locale),
    (error: unknown) => (statusLine.textContent = format(t['lab.runtime.failed'], { error: String(error) })),
  );

  const say = (text: string) => (q<HTMLElement>('[data-notice]').textContent = text);
  const checksList = q<HTMLElement>('[data-checks-list]');
  const checksSummary = q<HTMLElement>('[data-checks-summary]');
  renderReport(checksList, checksSummary, record.report, t, payload.steps);

  // The editor's saves reach the terminal's files a moment after typing stops, and at once before a line runs
  // there (Enter, or a step's "Run"), so a command never reads a file older than the editor shows.
  const writes = new Map<string, ReturnType<typeof setTimeout>>();
  let booted: LabRuntime | undefined;
  void runtime.then((ready) => (booted = ready));
  const flushWrite = (path: string) => {
    clearTimeout(writes.get(path));
    writes.delete(path);
    // Synchronously once booted: the write must be on its way before the line that follows it.
    const write = (ready: LabRuntime) => void ready.writeFile(path, record.files[path] ?? '');
    if (booted) write(booted);
    else void runtime.then(write);
  };
  const flushWrites = () => [...writes.keys()].forEach(flushWrite);

  // The terminal's shell, once it is up; a step's "Run" waits for it.
  let shellUp: (session: ShellSession) => void = () => {};
  const shell = new Promise<ShellSession>((resolve) => (shellUp = resolve));
  const steps = bindStepPane(
    q('[data-steps]'),
    t,
    (block) => {
      flushWrites();
      void shell.then((session) => session.run(block));
    },
    (stepId) => {
      if (record.step === stepId) return;
      record.step = stepId;
      workbench.persist();
    },
    payload.locale,
  );

  // A quiz step's answers are graded as they are given, and pass the step in progress; the marks follow.
  const quiz = bindQuizSteps(q('[data-steps]'), payload, t, () => workbench.showProgress(record.report));

  const workbench: Workbench = {
    root,
    data,
    store,
    record,
    runtime,
    editor: undefined as unknown as Promise<LabEditor>,
    current: payload.files[0]?.path,
    setFiles(next) {
      void this.editor.then((editor) => Object.entries(next).forEach(([path, text]) => editor.setValue(path, text)));
    },
    persist() {
      record.updatedAt = Date.now();
      store.save({ ...record, files: { ...record.files }, journal: [...record.journal] });
    },
    currentStep: () => steps.current(),
    quiz,
    showProgress(report: CheckRunReport | undefined) {
      const done = readProgress().labs[payload.id]?.steps ?? {};
      const passed = new Set(payload.steps.filter((step) => done[step.id]?.passedAt !== undefined).map((s) => s.id));
      const seen: Record<string, string[]> = {};
      for (const result of report?.results ?? [])
        if (result.seen !== undefined) (seen[result.step] ??= []).push(`${result.title}: ${result.seen}`);
      steps.update({ passed }, seen, new Map(Object.entries(record.facts ?? {})));
    },
  };
  if (record.step !== undefined) steps.show(record.step);
  workbench.showProgress(record.report);
  void runtime.then((ready) => {
    performance.mark('lab-runtime-booted');
    if (journal.length > 0) say(format(t['lab.restored'], { count: journal.filter((e) => 'run' in e).length }));
    ready.onJournal((entry) => {
      record.journal.push(entry);
      workbench.persist();
    });
  });

  makeSplitter(q('[data-split="columns"]'), root, '--lab-columns', 'meshdojo.split.columns');
  makeSplitter(q('[data-split="rows"]'), root, '--lab-rows', 'meshdojo.split.rows');
  const maximized = bindMaximize(root, q('[data-action="maximize-terminal"]'));
  bindFocusExit(q('.lab-terminal'));
  bindFocusExit(q('[data-editor]'));

  // Terminal: xterm mounts after paint, then binds to the runtime's shell.
  const shellReady = afterPaint()
    .then(() => terminalModule)
    .then(async ({ mountTerminal }) => {
      const host = q<HTMLElement>('[data-terminal]');
      const terminal = await mountTerminal(host, t['lab.terminal.label'], t['lab.terminal.booting']);
      terminal.write(`${t['lab.terminal.booting']}\r\n`);
      const ready = await runtime;
      terminal.reset();
      terminal.onData((data) => /[\r\n]/.test(data) && flushWrites());
      const session = ready.openShell(terminal);
      // The sandbox ended the terminal's Worker (learner code stalled it) and boots another: say why, before the
      // new prompt, in the terminal and the notice line.
      ready.onRestart((why) => {
        const text = `${describeSandboxEnd(why, t)} ${t['lab.terminal.restarted']}`;
        terminal.write(`\r\n\x1b[33m${text}\x1b[0m\r\n`);
        say(text);
      });
      (window as unknown as { meshdojoShell?: unknown }).meshdojoShell = session;
      await session.ready;
      shellUp(session);
      performance.mark('lab-prompt-ready');
    });

  // Editor: Monaco mounts after paint, while the runtime boots.
  const editorHost = q<HTMLElement>('[data-editor]');
  workbench.editor = afterPaint()
    .then(() => editorModule)
    .then(({ createLabEditor }) => {
      editorHost.replaceChildren();
      const editor = createLabEditor(
        editorHost,
        payload.files.map((f) => ({ ...f, content: files[f.path] ?? f.content })),
        t['lab.editor.label'],
        t['lab.editor.readOnly'],
        // Type checking's worker waits for the prompt (see installMonacoWorkers).
        shellReady,
      );
      editor.onChange((path, text) => {
        record.files[path] = text;
        workbench.persist();
        clearTimeout(writes.get(path));
        writes.set(
          path,
          setTimeout(() => flushWrite(path), 250),
        );
      });
      performance.mark('lab-editor-ready');
      return editor;
    });

  const filePanel = q<HTMLElement>('[data-panel="files"]');
  const graphPanel = q<HTMLElement>('[data-panel="graph"]');
  const browserPanel = q<HTMLElement>('[data-panel="browser"]');
  const requestsPanel = q<HTMLElement>('[data-panel="requests"]');
  const metricsPanel = q<HTMLElement>('[data-panel="metrics"]');
  // The Metrics tab's code loads the first time it is shown (or istioctl dashboard prometheus opens it).
  let metrics: Promise<MetricsTab> | undefined;
  const openMetrics = () =>
    (metrics ??= Promise.all([import('./metrics/metrics-tab'), runtime]).then(([{ mountMetrics }, ready]) =>
      mountMetrics(q('[data-metrics]'), { runtime: ready, strings: t, locale: payload.locale }),
    ));
  // The Requests tab's code loads the first time it is shown. An object a decision names opens as the learner
  // would open it: kubectl edit, typed into the terminal, which shows it in an editor tab (edit-tabs.ts).
  let requests: Promise<RequestsTab> | undefined;
  const openRequests = () =>
    (requests ??= Promise.all([import('./requests/requests-tab'), runtime]).then(([{ mountRequests }, ready]) =>
      mountRequests(q('[data-requests]'), {
        runtime: ready,
        strings: t,
        locale: payload.locale,
        openObject: (object) => {
          flushWrites();
          void shell.then((session) => session.run(editCommand(object)));
        },
      }),
    ));
  // The browser tab's code loads the first time it is shown (or a command opens a page in it).
  let browser: Promise<BrowserTab> | undefined;
  const openBrowser = () =>
    (browser ??= Promise.all([import('./browser/browser-tab'), runtime]).then(([{ mountBrowser }, ready]) =>
      mountBrowser(q('[data-browser]'), { runtime: ready, strings: t, locale: payload.locale, labId: payload.id }),
    ));
  const tabs = makeTabs(q('[role="tablist"]'), (tab) => {
    const path = tab.dataset['path'];
    const panel = tab.dataset['tab'];
    workbench.current = path;
    filePanel.hidden = path === undefined;
    graphPanel.hidden = panel !== 'graph';
    browserPanel.hidden = panel !== 'browser';
    requestsPanel.hidden = panel !== 'requests';
    metricsPanel.hidden = panel !== 'metrics';
    if (panel === 'browser') void openBrowser();
    if (panel === 'requests') void openRequests().then((tab) => tab.shown());
    if (panel === 'metrics') void openMetrics().then((tab) => tab.shown());
    filePanel.setAttribute('aria-labelledby', tab.id);
    root.dispatchEvent(new CustomEvent('workbench:file'));
    void workbench.editor.then((editor) => {
      editor.hideDiff(false);
      if (path !== undefined) editor.open(path);
    });
  });
  void runtime.then((ready) => {
    const graphHost = q<HTMLElement>('[data-graph]');
    let latest: Parameters<Parameters<LabRuntime['onTopology']>[0]>[0] | undefined;
    ready.onTopology((topology) => {
      latest = topology;
      if (!graphPanel.hidden)
        void import('./graph/mesh-graph').then(({ renderGraph }) => renderGraph(graphHost, topology, t));
    });
    if (ready.onEdit !== undefined && ready.answerEdit !== undefined)
      bindEditTabs({
        runtime: { onEdit: ready.onEdit, answerEdit: ready.answerEdit },
        editor: workbench.editor,
        tablist: q('[role="tablist"]'),
        bar: q('[data-edit-bar]'),
        strings: t,
        select: (tab) => tabs.select(tab),
        current: () => workbench.current,
      });
    ready.onUiEvent((event) => {
      if (event.type === 'open-url' && event.url !== undefined) {
        const url = event.url;
        tabs.select(q('[data-tab="browser"]'));
        void openBrowser().then((tab) => tab.open(url));
        return;
      }
      // Kiali's graph is the mesh graph; Prometheus' queries are the Metrics tab.
      if (event.type === 'open-dashboard')
        tabs.select(q(`[data-tab="${event.dashboard === 'prometheus' ? 'metrics' : 'graph'}"]`));
      if (latest) void import('./graph/mesh-graph').then(({ renderGraph }) => renderGraph(graphHost, latest!, t));
    });
  });

  bindActions(workbench, { list: checksList, summary: checksSummary });
  // A check's results need the checks panel: a maximized terminal steps back when one starts.
  for (const action of ['check', 'check-all'])
    q(`[data-action="${action}"]`).addEventListener('click', () => maximized.restore());

  await Promise.all([shellReady, workbench.editor]);
  performance.mark('lab-ready');
  root.dataset['ready'] = 'true';
}

for (const root of document.querySelectorAll<HTMLElement>('[data-workbench]')) {
  start(root).catch((error: unknown) => {
    const status = root.querySelector('[data-runtime-status]');
    if (status) status.textContent = String(error instanceof Error ? error.message : error);
  });
}
