import { describe, expect, it, vi } from 'vitest';
import { LineEditor, type LineShell } from './line-editor';
import { cellWidth } from './text-width';

function setup(shell: Partial<LineShell> = {}) {
  const lines: string[] = [];
  let screen = '';
  const full: LineShell = {
    run: async (line) => (lines.push(line), { output: `ran ${line}\n`, cwd: '/home/user/istio' }),
    complete: async () => [],
    cancel: () => {},
    ...shell,
  };
  const editor = new LineEditor({ write: (t) => void (screen += t), cols: 80 }, full, '/home/user/istio');
  editor.start();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { editor, lines, screen: () => screen, settle };
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
    const { editor, settle } = setup({ run: () => new Promise(() => {}), cancel });
    editor.handle('sleep 100\r');
    await settle();
    editor.handle('\x03');
    expect(cancel).toHaveBeenCalledOnce();
  });

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
