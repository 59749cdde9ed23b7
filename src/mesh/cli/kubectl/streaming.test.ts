import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCurl } from '../curl/curl';
import { bufferedIo, type CommandFs } from '../io';
import { createMeshSession, type MeshSession } from '../session';
import { kubectl } from './kubectl';

/** A filesystem with one file, the shell's kubeconfig. */
function kubeconfigOnly(text: string): CommandFs {
  const path = '/home/user/.kube/config';
  return {
    readFile: (p) => (p === path ? Promise.resolve(text) : Promise.reject(new Error(`${p}: no such file`))),
    writeFile: () => Promise.resolve(),
    exists: (p) => Promise.resolve(p === path),
    isDirectory: () => Promise.resolve(false),
    readdir: () => Promise.resolve([]),
  };
}

// Streaming verbs print as the cluster changes and stop on Ctrl-C. The changes and the Ctrl-C are timers on the
// virtual clock, so a test sees what a learner watching the terminal would: through the command's own output, and
// through the shell, which shows a lone program's output as it goes (Shell.run's onOutput).
describe('kubectl streaming verbs', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare' });
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl wait --for=condition=available --timeout=60s deployment/httpbin');
  });
  afterEach(() => s.dispose());

  /** Runs kubectl as the shell would, with Ctrl-C after `ms` of cluster time and `during` run at `duringAt`. */
  async function stream(argv: string[], ms: number, during?: { at: number; run: () => void }) {
    const controller = new AbortController();
    const clock = s.cluster.clock;
    const fs = kubeconfigOnly(await s.ok('cat ~/.kube/config'));
    if (during !== undefined) clock.setTimer(during.at, during.run);
    clock.setTimer(ms, () => controller.abort(new Error('interrupted')));
    const env = { HOME: '/home/user' };
    const buffered = bufferedIo({ stdin: '', env, cwd: '/home/user', fs, signal: controller.signal });
    const start = clock.now();
    const exitCode = await s.cluster.run(() => kubectl(argv, buffered.io, s.cluster), { signal: controller.signal });
    return { exitCode, stdout: buffered.stdout(), stderr: buffered.stderr(), ms: clock.now() - start };
  }

  it('get -w prints the pods, then a line per change of a pod until Ctrl-C', async () => {
    const result = await stream(['get', 'pods', '-w'], 30_000, {
      at: 1_000,
      run: () => void s.cluster.kube.scale('deployment', 'httpbin', 2, { namespace: 'default' }),
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(130);
    expect(result.ms).toBe(30_000);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines[1]).toMatch(/^httpbin-\S+ {3}1\/1 {5}Running {3}0 {10}\d+s$/);
    const added = lines.slice(2);
    const pod = /^(\S+)/.exec(added[0]!)![1]!;
    expect(pod).not.toBe(/^(\S+)/.exec(lines[1]!)![1]);
    // Each change is laid out on its own (kubectl flushes its tab writer per event).
    expect(added[0]).toMatch(/^\S+ {3}0\/1 {3}Pending {3}0 {5}0s$/);
    expect(added.some((l) => /^\S+ {3}0\/1 {3}ContainerCreating {3}0 {5}\ds$/.test(l))).toBe(true);
    expect(added.at(-1)).toMatch(/^\S+ {3}1\/1 {3}Running {3}0 {5}\ds$/);
  });

  it('get -w in the shell shows each line as it comes, and what was shown stays after Ctrl-C', async () => {
    const clock = s.cluster.clock;
    const shown: { at: number; text: string }[] = [];
    clock.setTimer(1_000, () => void s.cluster.kube.scale('deployment', 'httpbin', 2, { namespace: 'default' }));
    clock.setTimer(20_000, () => s.shell.cancel());
    const start = clock.now();
    const result = await s.shell.run('kubectl get pods -w', {
      onOutput: (text) => void shown.push({ at: clock.now() - start, text }),
    });
    expect(result).toMatchObject({ exitCode: 130, stdout: '', stderr: '' });
    // The table came at once, the new pod's lines a second later and after: long before Ctrl-C.
    expect(shown[0]).toMatchObject({ at: 0, text: expect.stringMatching(/^NAME\s+READY/) });
    const pending = shown.find((chunk) => /Pending/.test(chunk.text));
    expect(pending?.at).toBeGreaterThanOrEqual(1_000);
    expect(pending?.at).toBeLessThan(20_000);
    expect(shown.map((chunk) => chunk.text).join('')).toMatch(/1\/1 {3}Running {3}0 {5}\ds\n$/);
  });

  it('get -w waits through Ctrl-C in the shell, and refuses two kinds at once', async () => {
    s.cluster.clock.setTimer(5_000, () => s.shell.cancel());
    const start = s.cluster.clock.now();
    expect((await s.shell.run('kubectl get deploy -w')).exitCode).toBe(130);
    expect(s.cluster.clock.now() - start).toBeGreaterThanOrEqual(5_000);
    expect(await s.run('kubectl get pods,svc -w')).toMatchObject({
      exitCode: 1,
      stderr:
        'error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n',
    });
  });

  it('logs -f prints the log so far, then each new line until Ctrl-C', async () => {
    const pod = (await s.ok('kubectl get pods -l app=httpbin -o name')).trim().slice('pod/'.length);
    const linesBefore = (await s.ok(`kubectl logs ${pod}`)).trimEnd().split('\n').length;
    const host = s.cluster.podHost('default', pod)!;
    const request = (): void => {
      const io = bufferedIo({ stdin: '', env: {}, cwd: '/', fs: kubeconfigOnly('') }).io;
      void runCurl(['-s', 'http://httpbin:8000/status/418'], io, { host, clock: s.cluster.clock });
    };
    const result = await stream(['logs', '-f', 'deploy/httpbin'], 10_000, { at: 2_000, run: request });
    expect(result.exitCode).toBe(130);
    expect(result.ms).toBe(10_000);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(linesBefore + 1);
    expect(lines.at(-1)).toContain('/status/418');
    // Without -f the same command returns at once.
    expect((await stream(['logs', 'deploy/httpbin'], 10_000)).ms).toBe(0);
  });
});
