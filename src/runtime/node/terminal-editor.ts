// `kubectl edit` in a terminal (`npx meshdojo shell` on a TTY): the learner's own editor on a temporary file, as
// kubectl runs it — $KUBE_EDITOR, else $EDITOR, else vi — with the terminal handed over until it exits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EditorUnavailable, type TextEditor } from '../../mesh/cli/index';

/**
 * The editor command as kubectl reads it (editor.go): the shell's variables first, then the process's (a learner's
 * EDITOR from their own shell), vi when neither names one. A command with quotes or backslashes runs through sh.
 */
export function editorCommand(shellEnv: Readonly<Record<string, string>>): { argv: string[]; viaShell: boolean } {
  const env = { ...process.env, ...shellEnv };
  const editor = [env['KUBE_EDITOR'], env['EDITOR']].find((value) => value !== undefined && value !== '') ?? 'vi';
  if (!editor.includes(' ')) return { argv: [editor], viaShell: false };
  if (!/["'\\]/.test(editor)) return { argv: editor.split(' ').filter((word) => word !== ''), viaShell: false };
  return { argv: ['sh', '-c', editor], viaShell: true };
}

/**
 * `handOver` gives the terminal to the editor (the prompt stops reading keys) and returns how to take it back.
 * The file keeps kubectl's name (its extension picks the editor's syntax) in a folder of its own.
 */
export function terminalEditor(handOver: () => () => void): TextEditor {
  return {
    async edit(path, text, { env, signal }) {
      signal?.throwIfAborted();
      const { argv, viaShell } = editorCommand(env);
      const dir = mkdtempSync(join(tmpdir(), 'meshdojo-edit-'));
      const file = join(dir, basename(path));
      writeFileSync(file, text);
      const takeBack = handOver();
      try {
        // Through sh the quoted file name ends the command line, as kubectl writes it (%q).
        const [program, ...args] = viaShell ? ['sh', '-c', `${argv[2]} ${JSON.stringify(file)}`] : [...argv, file];
        const run = spawnSync(program!, args, { stdio: 'inherit' });
        const shown = argv.join(' ');
        if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
          throw new EditorUnavailable(`unable to launch the editor "${shown}"`);
        if (run.error !== undefined || run.status !== 0)
          throw new EditorUnavailable(`there was a problem with the editor "${shown}"`);
        return readFileSync(file, 'utf8');
      } finally {
        takeBack();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    close: () => {},
  };
}
