import { describe, expect, it } from 'vitest';
import type { EditEvent } from '../types';
import { PageEditor } from './page-editor';

describe("kubectl edit's editor in the sandbox Worker", () => {
  it('asks the page with an id, resolves with its answer, and tells it when kubectl is done', async () => {
    const posted: EditEvent[] = [];
    const editor = new PageEditor((event) => posted.push(event));
    const saved = editor.edit('/tmp/kubectl-edit-1.yaml', 'a: 1\n', { env: {} });
    expect(posted).toEqual([{ type: 'open', id: 1, path: '/tmp/kubectl-edit-1.yaml', text: 'a: 1\n' }]);
    editor.answer(1, 'a: 2\n');
    expect(await saved).toBe('a: 2\n');
    const cancelled = editor.edit('/tmp/kubectl-edit-1.yaml', 'a: 1\n', { env: {} });
    editor.answer(2, null);
    expect(await cancelled).toBe(undefined);
    editor.close('/tmp/kubectl-edit-1.yaml');
    expect(posted.at(-1)).toEqual({ type: 'close', path: '/tmp/kubectl-edit-1.yaml' });
  });

  it('stops waiting at Ctrl-C and drops an answer that comes after it', async () => {
    const editor = new PageEditor(() => {});
    const controller = new AbortController();
    const waiting = editor.edit('/tmp/kubectl-edit-1.yaml', 'a: 1\n', { env: {}, signal: controller.signal });
    controller.abort(new Error('interrupted'));
    await expect(waiting).rejects.toThrow('interrupted');
    expect(() => editor.answer(1, 'late\n')).not.toThrow();
  });
});
