import type { EditEvent, LabRuntime } from '../../../runtime/types';
import type { LabStrings } from '../strings';
import type { LabEditor } from './lab-editor';

export interface EditTabsOptions {
  runtime: Required<Pick<LabRuntime, 'onEdit' | 'answerEdit'>>;
  editor: Promise<LabEditor>;
  /** The tab list; an edit's tab goes before the panel tabs (graph, browser). */
  tablist: HTMLElement;
  /** The bar above the editor with the edit's status, "Save and apply" and "Cancel" (Workbench.astro). */
  bar: HTMLElement;
  strings: LabStrings;
  select(tab: HTMLElement): void;
  /** The path of the tab shown now (undefined: the graph or the browser). */
  current(): string | undefined;
}

/**
 * `kubectl edit` in the lab page: the object opens in a tab of the editor of its own (kubectl's file name), the
 * command waiting in the terminal until the learner saves (Ctrl-S, or "Save and apply") or cancels; a save the
 * server refuses comes back in the same tab with kubectl's reasons at the top. The tab closes when kubectl is done
 * with the file — applied, given up, or Ctrl-C in the terminal.
 */
export function bindEditTabs(options: EditTabsOptions): void {
  const { runtime, tablist, bar, strings: t } = options;
  const status = bar.querySelector<HTMLElement>('[data-edit-status]')!;
  const buttons = [...bar.querySelectorAll<HTMLButtonElement>('button')];
  /** The open edit files, and the id of the opening that waits for the learner (none while kubectl applies). */
  const open = new Map<string, { tab: HTMLElement; waiting: number | undefined }>();

  const showBar = () => {
    const edit = open.get(options.current() ?? '');
    bar.hidden = edit === undefined;
    status.textContent = edit?.waiting === undefined ? t['lab.edit.applying'] : t['lab.edit.waiting'];
    buttons.forEach((button) => (button.disabled = edit?.waiting === undefined));
  };
  tablist.closest('[data-workbench]')?.addEventListener('workbench:file', showBar);

  const answer = (path: string, saved: (editor: LabEditor) => string | null) => {
    const edit = open.get(path);
    if (edit?.waiting === undefined) return;
    const id = edit.waiting;
    edit.waiting = undefined;
    showBar();
    void options.editor.then((editor) => runtime.answerEdit(id, saved(editor)));
  };
  const [save, cancel] = buttons;
  save!.addEventListener('click', () => answer(options.current() ?? '', (editor) => editor.value(options.current()!)));
  cancel!.addEventListener('click', () => answer(options.current() ?? '', () => null));
  void options.editor.then((editor) => editor.onSave((path) => answer(path, (shown) => shown.value(path))));

  const opened = async (event: Extract<EditEvent, { type: 'open' }>) => {
    const editor = await options.editor;
    editor.openTemporary(event.path, event.text);
    let edit = open.get(event.path);
    if (edit === undefined) {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.id = `lab-tab-edit-${event.id}`;
      tab.setAttribute('aria-controls', 'lab-files-panel');
      tab.dataset['path'] = event.path;
      tab.dataset['edit'] = '';
      tab.textContent = event.path;
      tablist.insertBefore(tab, tablist.querySelector('[data-tab]'));
      edit = { tab, waiting: undefined };
      open.set(event.path, edit);
    }
    edit.waiting = event.id;
    options.select(edit.tab);
    showBar();
    editor.focus();
  };
  const closed = async (path: string) => {
    const edit = open.get(path);
    if (edit === undefined) return;
    open.delete(path);
    if (edit.tab.getAttribute('aria-selected') === 'true')
      options.select(tablist.querySelector<HTMLElement>('[role="tab"]:not([data-edit])')!);
    edit.tab.remove();
    (await options.editor).closeTemporary(path);
    showBar();
  };
  // One after another: a close that follows an open at once finds its tab made.
  let queue = Promise.resolve();
  runtime.onEdit((event) => {
    queue = queue.then(() => (event.type === 'open' ? opened(event) : closed(event.path)));
  });
}
