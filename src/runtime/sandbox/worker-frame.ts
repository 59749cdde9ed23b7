/**
 * The two ways a sandbox Worker starts. Learner code runs only in an isolated one: it starts inside a frame
 * sandboxed without allow-same-origin (public/sandbox/worker-host.html), so its origin is opaque — learner code
 * there reaches none of the course's storage, and the frame's policy gives it no network. One frame per Worker:
 * removing the frame ends its Worker, whatever the Worker is doing, and no two Workers share an origin.
 *
 * The terminal's Worker runs the learner's commands and YAML, never their code, until a check run's code goes
 * live; until then it is a plain module Worker of the site (the lab page's early script starts it while the page
 * parses: components/workbench/early-worker-script.ts). That keeps lab-ready time: an opaque origin has no HTTP cache of its own
 * (Chromium gives it a transient partition), so an isolated Worker downloads and compiles its 4 MB afresh each
 * time. Its script's own policy (scripts/site/headers.mjs) gives it neither `eval` nor network.
 */

/** The page each frame loads; the address's fragment names the Worker's script. */
export const WORKER_HOST_PAGE = '/sandbox/worker-host.html';

/** What the page's requests go through: the frame's MessagePort, or a plain Worker itself. */
export interface RequestPort {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null;
}

/**
 * What the Worker's starter says: `{ type: 'error', message }` when the Worker failed, `{ type: 'refused',
 * detail }` when the frame ended it (public/sandbox/worker-host.js). Untrusted, like every message.
 */
export type ReportListener = (report: unknown) => void;

/** The page's side of one sandbox Worker. */
export interface WorkerChannel {
  /** Requests to the Worker and its replies and events. */
  readonly port: RequestPort;
  onReport(listener: ReportListener): void;
  /** Ends the Worker (an isolated one's frame goes, and the Worker with it). */
  end(): void;
}

/** A hidden sandboxed frame that starts a Worker running `script` (a URL of this site). */
export function startWorkerFrame(script: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.hidden = true;
  frame.src = `${WORKER_HOST_PAGE}#${encodeURIComponent(script)}`;
  document.body.append(frame);
  return frame;
}

/** Hands the frame's Worker a port to talk to this page (once the frame has loaded). */
export function connectWorkerFrame(frame: HTMLIFrameElement): WorkerChannel {
  const worker = new MessageChannel();
  const reports = new MessageChannel();
  const connect = () =>
    frame.contentWindow?.postMessage({ type: 'meshdojo:connect' }, '*', [worker.port2, reports.port2]);
  frame.addEventListener('load', connect, { once: true });
  return {
    port: worker.port1,
    onReport: (listener) => (reports.port1.onmessage = (event: MessageEvent<unknown>) => listener(event.data)),
    end() {
      frame.removeEventListener('load', connect);
      worker.port1.close();
      reports.port1.close();
      frame.remove();
    },
  };
}

/** A plain module Worker of the site: its own global is the port (sandbox-worker.ts answers on it). */
export function plainWorkerChannel(worker: Worker): WorkerChannel {
  return {
    port: worker,
    onReport: (listener) =>
      worker.addEventListener('error', (event) =>
        listener({ type: 'error', message: event.message || 'the sandbox Worker failed' }),
      ),
    end: () => worker.terminate(),
  };
}
