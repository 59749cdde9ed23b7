import type { EditContext, TextEditor } from '../../mesh/cli/index';
import type { EditEvent } from '../types';

/**
 * `kubectl edit`'s editor in the sandbox Worker: the lab page's editor, asked over the Worker's port. Each opening
 * has an id the page's answer (an `edited` request) names; the line waits until it comes, or until Ctrl-C.
 */
export class PageEditor implements TextEditor {
  private nextId = 1;
  private readonly waiting = new Map<number, (text: string | null) => void>();

  constructor(private readonly post: (event: EditEvent) => void) {}

  edit(path: string, text: string, { signal }: EditContext): Promise<string | undefined> {
    signal?.throwIfAborted();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const interrupted = () => {
        this.waiting.delete(id);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', interrupted, { once: true });
      this.waiting.set(id, (answer) => {
        signal?.removeEventListener('abort', interrupted);
        resolve(answer ?? undefined);
      });
      this.post({ type: 'open', id, path, text });
    });
  }

  close(path: string): void {
    this.post({ type: 'close', path });
  }

  /** The page's answer; one for an opening no longer waited for (Ctrl-C came first) is dropped. */
  answer(id: number, text: string | null): void {
    const waiting = this.waiting.get(id);
    this.waiting.delete(id);
    waiting?.(text);
  }
}
