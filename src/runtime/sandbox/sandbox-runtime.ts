import type { LabPayload, LabRuntime, MeshTopology, RuntimeReason, ShellSession, TerminalPort } from '../types';
import { CheckRunner } from './check-runner';
import { LineEditor } from './line-editor';
import { takeSandboxWorker } from './worker-client';

/**
 * The sandbox runtime: the mesh and the shell in a Web Worker (real clock), the line editor on the page,
 * checks in a Worker of their own. Resolves once the cluster is up and the shell can take a line.
 */
export async function bootSandbox(
  payload: LabPayload,
  files: Record<string, string>,
  reason: RuntimeReason,
): Promise<LabRuntime> {
  const worker = takeSandboxWorker();
  const checks = new CheckRunner(payload.id, payload.locale, payload.checkTimeLimitMs);
  const booted = await worker.call({ type: 'boot', payload, files });
  // The Worker's milestones on the page's timeline, for benchmarks and the performance panel.
  for (const [name, at] of Object.entries(booted.timings))
    performance.mark(`lab-${name}`, { startTime: at - performance.timeOrigin });
  // The check Worker loads once the page is idle, so it does not compete with the editor for the CPU.
  (globalThis.requestIdleCallback ?? setTimeout)(() => checks.warm());
  const topologyListeners = new Set<(topology: MeshTopology) => void>();
  const uiListeners = new Set<(event: { type: string; dashboard?: string }) => void>();
  worker.onEvent((message) => {
    if (!('event' in message)) return;
    if (message.event === 'topology') topologyListeners.forEach((listener) => listener(message.topology));
    else uiListeners.forEach((listener) => listener(message.ui));
  });
  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };

  return {
    kind: 'sandbox',
    reason,
    mount: async (next) => void (await worker.call({ type: 'write', files: next })),
    writeFile: async (path, content) => void (await worker.call({ type: 'write', files: { [path]: content } })),
    openShell(terminal: TerminalPort): ShellSession {
      const editor = new LineEditor(
        terminal,
        {
          run: (line) => worker.call({ type: 'run', line }),
          complete: (prefix) => worker.call({ type: 'complete', prefix }),
          cancel: () => worker.cancel(),
        },
        booted.cwd,
      );
      const unsubscribe = terminal.onData((data) => editor.handle(data));
      editor.start(booted.banner);
      return {
        ready: editor.ready,
        type: (line) => editor.handle(`${line}\r`),
        dispose: unsubscribe,
      };
    },
    async runChecks(current) {
      const { report, compiled } = await checks.run(current);
      if (compiled === undefined) return { report };
      // Code that ran to the end in the check Worker now runs in the learner's own cluster, as compiled there.
      const live = await worker
        .call({ type: 'live', labId: payload.id, locale: payload.locale, compiled })
        .catch((error: unknown) => ({
          installed: false,
          message: error instanceof Error ? error.message : String(error),
        }));
      return live === null ? { report } : { report, live };
    },
    onTopology: subscribe(topologyListeners),
    onUiEvent: subscribe(uiListeners),
    dispose() {
      worker.terminate();
      checks.dispose();
    },
  };
}
