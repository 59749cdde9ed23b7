import type { WorkloadContext } from '../types';

/**
 * The image's CMD since Bookinfo 1.20: gunicorn with 8 gevent workers. Before, `python productpage.py 9080`
 * ran Flask's threaded server, a thread per request.
 */
export const PRODUCTPAGE_CMD = [
  'gunicorn',
  '-b',
  '[::]:9080',
  'productpage:app',
  '-w',
  '8',
  '--keep-alive',
  '2',
  '-k',
  'gevent',
] as const;

/** gunicorn's async worker classes: one worker process serves up to `--worker-connections` clients at once. */
const ASYNC_WORKER = /gevent|eventlet|tornado/;

/**
 * How many requests productpage handles at once, read from its command line as gunicorn reads it; undefined
 * when it does not run under gunicorn (Flask's threaded server has no bound). The pod's `args` replace the
 * image's CMD and its `command` replaces both, as Kubernetes runs them. gunicorn's defaults: `WEB_CONCURRENCY`
 * or 1 worker, the `sync` class (one request per worker), 1 thread (more threads make it `gthread`: a request
 * per thread) and 1000 connections per async worker.
 */
export function productpageConcurrency(context: Pick<WorkloadContext, 'command' | 'args' | 'env'>): number | undefined {
  const argv = context.command !== undefined ? [...context.command, ...(context.args ?? [])] : context.args;
  const words = argv ?? PRODUCTPAGE_CMD;
  const start = words.findIndex((word) => word.split('/').pop() === 'gunicorn');
  if (start < 0) return undefined;
  const flag = flagReader(words.slice(start + 1));
  const count = (value: string | undefined, fallback: number): number => {
    const n = Number.parseInt(value ?? '', 10);
    return n >= 1 ? n : fallback;
  };
  const workers = count(flag('-w', '--workers'), count(context.env['WEB_CONCURRENCY'], 1));
  const workerClass = flag('-k', '--worker-class') ?? 'sync';
  if (ASYNC_WORKER.test(workerClass)) return workers * count(flag(undefined, '--worker-connections'), 1000);
  return workers * count(flag(undefined, '--threads'), 1);
}

/** The last value given for an option, in argparse's spellings: `-w 4`, `-w4`, `--workers 4`, `--workers=4`. */
function flagReader(words: readonly string[]) {
  return (short: string | undefined, long: string): string | undefined => {
    let value: string | undefined;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (word === long || word === short) value = words[++i];
      else if (word.startsWith(`${long}=`)) value = word.slice(long.length + 1);
      else if (short !== undefined && word.startsWith(short) && !word.startsWith('--')) value = word.slice(2);
    }
    return value;
  };
}
