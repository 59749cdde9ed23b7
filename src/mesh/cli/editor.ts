/**
 * Where `kubectl edit` opens a file, whatever is behind it: the lab page's editor tab, the learner's `$EDITOR` in
 * a terminal, or a replay answering with what the learner saved the first time. kubectl decides what the text
 * means (editor-session.ts); the editor only shows it and hands back what the learner saved.
 */
export interface TextEditor {
  /**
   * Shows `text` as the file `path` and resolves with the text the learner saved and closed, or `undefined` when
   * they cancelled (kubectl then reads the file as it was opened). Rejects with the signal's reason on Ctrl-C, and
   * with an EditorUnavailable when no editor could run.
   */
  edit(path: string, text: string, context: EditContext): Promise<string | undefined>;
  /** kubectl is done with `path` (applied, cancelled or given up): an editor that keeps it open closes it. */
  close(path: string): void;
}

/** What the command that opens the editor knows: Ctrl-C, and its environment (`KUBE_EDITOR`, `EDITOR`). */
export interface EditContext {
  signal?: AbortSignal;
  env: Readonly<Record<string, string>>;
}

/** The editor could not be started (`$EDITOR` names no program, no terminal to run it in): kubectl's message. */
export class EditorUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditorUnavailable';
  }
}

/** What the learner saved at each opening of a line's editor, in order (`null`: cancelled), for the journal. */
export type EditorAnswers = (string | null)[];

/** `editor`, noting each answer in `answers` so a replay of the line gets the same ones. */
export function recordingEditor(editor: TextEditor, answers: EditorAnswers): TextEditor {
  return {
    async edit(path, text, context) {
      const saved = await editor.edit(path, text, context);
      answers.push(saved ?? null);
      return saved;
    },
    close: (path) => editor.close(path),
  };
}

/**
 * The answers a line's editor gave when it first ran, given back in order. Past the last one it cancels: the
 * line was cut short (Ctrl-C) right there the first time.
 */
export function replayingEditor(answers: readonly (string | null)[]): TextEditor {
  let next = 0;
  return {
    edit: async () => answers[next++] ?? undefined,
    close: () => {},
  };
}
