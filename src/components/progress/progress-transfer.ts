/** The catalogue's export and import buttons: progress to a JSON file and back, with what happened said aloud. */
import { exportProgress, importProgress } from './progress';

export const TRANSFER_STRING_KEYS = [
  'progress.import.done',
  'progress.import.not-json',
  'progress.import.not-progress',
  'progress.import.newer-version',
  'progress.import.unreadable',
] as const;
export type TransferStrings = Record<(typeof TRANSFER_STRING_KEYS)[number], string>;

/** No progress file comes near this; a bigger file is not read at all. */
const MAX_FILE_BYTES = 4_000_000;

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `meshdojo-progress-${new Date().toISOString().slice(0, 10)}.json`;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function importFile(file: File, t: TransferStrings): Promise<{ ok: boolean; message: string }> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, message: t['progress.import.not-progress'] };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: t['progress.import.unreadable'] };
  }
  const result = importProgress(text);
  return result.ok
    ? { ok: true, message: t['progress.import.done'] }
    : { ok: false, message: t[`progress.import.${result.reason}`] };
}

/** Wires `[data-progress-export]`, `[data-progress-import]` (a button), its file input and the message under `root`. */
export function mountProgressTransfer(root: HTMLElement, t: TransferStrings): void {
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  const message = root.querySelector<HTMLElement>('[data-progress-message]')!;
  root.querySelector('[data-progress-export]')?.addEventListener('click', () => download(exportProgress()));
  root.querySelector('[data-progress-import]')?.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    const outcome = await importFile(file, t);
    message.dataset.outcome = outcome.ok ? 'imported' : 'refused';
    message.textContent = outcome.message;
  });
}
