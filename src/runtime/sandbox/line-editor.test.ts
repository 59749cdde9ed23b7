import { describe, expect, it, vi } from 'vitest';
import { COMMAND_LIMIT, LineEditor, type LineShell } from './line-editor';
import { cellWidth } from './text-width';

function setup(shell: Partial<LineShell> = {}, locale: 'ko' | 'en' = 'en') {
  const lines: string[] = [];
  let screen = '';
  let writes = 0;
  const full: LineShell = {
    run: async (line) => (lines.push(line), { output: `ran ${line}\n`, cwd: '/home/user/istio' }),
    complete: async () => [],
    cancel: () => {},
    ...shell,
  };
  const terminal = { write: (t: string) => void ((screen += t), writes++), cols: 80 };
  const editor = new LineEditor(terminal, full, '/home/user/istio', locale);
  editor.start();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** What the terminal was sent from now on: its length in characters and the number of writes. */
  const measure = () => {
    const [before, writesBefore] = [screen.length, writes];
    return () => ({ chars: screen.length - before, writes: writes - writesBefore, text: screen.slice(before) });
  };
  return { editor, lines, screen: () => screen, settle, measure };
}

describe('LineEditor', () => {
  it('runs the typed line and shows a prompt with the working directory', async () => {
    const { editor, lines, screen, settle } = setup();
    editor.handle('kubectl get pods\r');
    await settle();
    expect(lines).toEqual(['kubectl get pods']);
    expect(screen()).toContain('ran kubectl get pods\r\n');
    expect(screen()).toContain('~/istio');
  });

  it('Ctrl-R finds an earlier line by what it holds; Enter runs it, Ctrl-C leaves the search', async () => {
    const { editor, lines, screen, settle } = setup();
    for (const line of ['kubectl get pods', 'curl -s http://gw/productpage', 'echo done']) {
      editor.handle(`${line}\r`);
      await settle();
    }
    editor.handle('\x12cur');
    expect(screen()).toContain("(reverse-i-search)`cur': curl -s http://gw/productpage");
    editor.handle('\r');
    await settle();
    expect(lines.at(-1)).toBe('curl -s http://gw/productpage');
    // Keys one by one, as typed (a paste is drawn once, at its end).
    for (const key of ['partial', '\x12', 'zzz']) editor.handle(key);
    expect(screen()).toContain("(failed reverse-i-search)`zzz'");
    editor.handle('\x03');
    editor.handle(' more\r');
    await settle();
    expect(lines.at(-1)).toBe('partial more');
  });

  it('edits in the middle of the line and recalls history with the arrows', async () => {
    const { editor, lines, settle } = setup();
    editor.handle('kubectl get po\x1b[D\x1b[Dx\r');
    await settle();
    editor.handle('\x1b[A\x7f\x7f\r');
    await settle();
    expect(lines).toEqual(['kubectl get xpo', 'kubectl get x']);
  });

  it('completes a single candidate and queues keys typed while a command runs', async () => {
    let release!: () => void;
    const { editor, lines, settle } = setup({
      complete: async () => ['kubectl'],
      run: (line) => {
        lines.push(line);
        return new Promise((resolve) => (release = () => resolve({ output: '', cwd: '/' })));
      },
    });
    editor.handle('kub\t');
    await settle();
    editor.handle('version\r');
    editor.handle('echo next\r');
    expect(lines).toEqual(['kubectl version']);
    release();
    await settle();
    expect(lines).toEqual(['kubectl version', 'echo next']);
  });

  it('Ctrl-C while running cancels the command', async () => {
    const cancel = vi.fn();
    const { editor, screen, settle } = setup({ run: () => new Promise(() => {}), cancel });
    editor.handle('sleep 100\r');
    await settle();
    editor.handle('\x03');
    expect(cancel).toHaveBeenCalledOnce();
    // On a line of its own, so the next prompt (drawn from a line's start) does not cover it.
    expect(screen().endsWith('^C\r\n')).toBe(true);
  });

  it('takes a 10 KB paste in one redraw and runs all of it', async () => {
    const { editor, lines, settle, measure } = setup();
    const word = 'x'.repeat(10_240);
    const drawn = measure();
    editor.handle(`echo ${word}`);
    // One redraw of prompt and line, then the cursor: not a redraw per character (50 MB for 10 KB).
    expect(drawn().writes).toBeLessThanOrEqual(2);
    expect(drawn().chars).toBeLessThan(10_240 + 200);
    editor.handle('\r');
    await settle();
    expect(lines).toEqual([`echo ${word}`]);
  });

  it('runs a pasted multi-line here-document as one command, its lines under "> "', async () => {
    const { editor, lines, settle, measure } = setup();
    const drawn = measure();
    editor.handle('cat <<EOF | wc -l\rone\rtwo\rEOF\recho after\r');
    await settle();
    await settle();
    expect(lines).toEqual(['cat <<EOF | wc -l\none\ntwo\nEOF', 'echo after']);
    expect(drawn().text).toContain('\r\n\r\x1b[J> one');
    expect(drawn().text).toContain('\r\n\r\x1b[J> EOF');
  });

  it('goes on after an open quote until it closes; Ctrl-C drops the unfinished command', async () => {
    const { editor, lines, settle } = setup();
    editor.handle('echo "a\r');
    editor.handle('b"\r');
    await settle();
    expect(lines).toEqual(['echo "a\nb"']);
    editor.handle('echo "never\r\x03echo ok\r');
    await settle();
    expect(lines).toEqual(['echo "a\nb"', 'echo ok']);
  });

  for (const [locale, message] of [
    ['en', 'a command can hold at most 65,536 characters; the rest of this input was not taken'],
    ['ko', '명령 하나는 65,536자를 넘을 수 없습니다. 붙여 넣은 나머지 부분은 입력하지 않았습니다.'],
  ] as const) {
    it(`${locale}: refuses input past ${COMMAND_LIMIT} characters with a message and keeps the line as it was`, async () => {
      const { editor, lines, settle, screen } = setup({}, locale);
      editor.handle('echo ');
      editor.handle(`${'y'.repeat(COMMAND_LIMIT)}\recho dropped\r`);
      expect(screen()).toContain(message);
      await settle();
      expect(lines).toEqual([]);
      editor.handle('ok\r');
      await settle();
      expect(lines).toEqual(['echo ok']);
    });
  }

  it('counts Hangul as two cells', () => {
    expect(cellWidth('안녕 ok')).toBe(7);
  });

  it('halted while its shell is replaced: the stuck command says nothing, keys typed meanwhile run after restart', async () => {
    let fail!: (error: Error) => void;
    const { editor, lines, screen, settle } = setup({
      run: (line) => {
        lines.push(line);
        if (line === 'stuck') return new Promise((_, reject) => (fail = reject));
        return Promise.resolve({ output: `ran ${line}\n`, cwd: '/home/user/lab' });
      },
    });
    editor.handle('stuck\r');
    await settle();
    editor.halt();
    fail(new Error('the Worker was ended'));
    editor.handle('echo back\r');
    await settle();
    expect(lines).toEqual(['stuck']);
    editor.restart('/home/user/lab');
    await settle();
    expect(lines).toEqual(['stuck', 'echo back']);
    expect(screen()).not.toContain('the Worker was ended');
    expect(screen()).toContain('ran echo back');
  });
});
