/**
 * Sandbox Workers start inside a frame sandboxed without allow-same-origin (public/sandbox/worker-host.html), so
 * their origin is opaque: learner code there reaches none of the course's storage, and the frame's policy gives
 * it no network. One frame per Worker: removing the frame ends its Worker, whatever the Worker is doing, and no
 * two Workers share an origin. The lab page's early script (EarlySandboxWorker.astro) makes the same frame.
 */

/** The page each frame loads; the address's fragment names the Worker's script. */
export const WORKER_HOST_PAGE = '/sandbox/worker-host.html';

/** The page's side of one sandbox Worker. */
export interface WorkerChannel {
  /** Requests to the Worker and its replies and events. */
  readonly port: MessagePort;
  /**
   * The frame's reports (public/sandbox/worker-host.js): `{ type: 'error', message }` when the Worker failed,
   * `{ type: 'refused', detail }` when the frame ended it.
   */
  readonly reports: MessagePort;
  /** Ends the Worker: its frame goes, and the Worker with it. */
  end(): void;
}

/** A hidden sandboxed frame that starts a Worker running `script` (a URL of this site). */
export function startWorkerFrame(script: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.hidden = true;
  frame.src = `${WORKER_HOST_PAGE}#${encodeURIComponent(script)}`;
  frame.addEventListener('load', () => (frame.dataset['loaded'] = 'true'), { once: true });
  document.body.append(frame);
  return frame;
}

/** Hands the frame's Worker a port to talk to this page (once the frame has loaded). */
export function connectWorkerFrame(frame: HTMLIFrameElement): WorkerChannel {
  const worker = new MessageChannel();
  const reports = new MessageChannel();
  const connect = () =>
    frame.contentWindow?.postMessage({ type: 'meshdojo:connect' }, '*', [worker.port2, reports.port2]);
  if (frame.dataset['loaded'] === 'true') connect();
  else frame.addEventListener('load', connect, { once: true });
  return {
    port: worker.port1,
    reports: reports.port1,
    end() {
      frame.removeEventListener('load', connect);
      worker.port1.close();
      reports.port1.close();
      frame.remove();
    },
  };
}
