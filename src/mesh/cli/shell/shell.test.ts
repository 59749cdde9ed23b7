import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

describe('the learner shell', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterAll(() => s.dispose());

  it('keeps exported variables and the working directory between lines', async () => {
    await s.ok('export GREETING=hello');
    await s.ok('cd samples');
    expect(await s.ok('echo $GREETING $(pwd)')).toBe('hello /home/user/istio/samples\n');
    await s.ok('cd ..');
  });

  it('has /tmp, and keeps $? from the line before', async () => {
    expect(await s.ok('cd /tmp && echo key > tls.key && cat /tmp/tls.key && cd - >/dev/null')).toBe('key\n');
    await s.run('false');
    expect(await s.ok('echo "status $?"')).toBe('status 1\n');
  });

  it('has the sample manifests at Istio paths', async () => {
    expect(await s.ok('ls samples/bookinfo/platform/kube/')).toContain('bookinfo.yaml');
  });

  it('runs pipes, command substitution, loops and seq', async () => {
    expect(await s.ok('for i in $(seq 1 3); do echo n$i; done | grep -c n')).toBe('3\n');
    expect(await s.ok('i=0; while [ $i -lt 2 ]; do i=$((i+1)); echo $i; done')).toBe('1\n2\n');
  });

  it('sleeps on the virtual clock: a minute costs no host timer', async () => {
    const before = s.cluster.clock.now();
    // Counted, not timed: the host's timers are what would make the minute cost wall time.
    const hostTimers = vi.spyOn(globalThis, 'setTimeout');
    try {
      await s.ok('sleep 60');
      expect(s.cluster.clock.now() - before).toBeGreaterThanOrEqual(60_000);
      expect(hostTimers.mock.calls.map(([, ms]) => ms ?? 0).filter((ms) => ms > 0)).toEqual([]);
    } finally {
      hostTimers.mockRestore();
    }
  });

  it('completes commands, subcommands, resource kinds and names', async () => {
    expect(await s.shell.complete('kub')).toEqual(['kubectl']);
    expect(await s.shell.complete('kubectl ge')).toEqual(['get']);
    expect(await s.shell.complete('kubectl get namesp')).toContain('namespaces');
    expect(await s.shell.complete('kubectl get ns kube-p')).toEqual(['kube-public']);
  });

  it('reaches nothing inside the cluster from the laptop', async () => {
    const result = await s.run('curl -sS http://httpbin.default.svc.cluster.local:8000/get');
    expect(result.exitCode).toBe(6);
    expect(result.stderr).toBe('curl: (6) Could not resolve host: httpbin.default.svc.cluster.local\n');
  });

  it('keeps functions, aliases and set options from line to line, as an interactive bash does', async () => {
    await s.ok('greet() {\n  echo "hello $1"\n}');
    expect(await s.ok('greet mesh')).toBe('hello mesh\n');
    await s.ok('alias k=kubectl');
    expect(await s.ok('k get ns default -o name')).toBe('namespace/default\n');
    await s.ok('set -o pipefail');
    expect((await s.run('false | true')).exitCode).toBe(1);
    await s.ok('set +o pipefail');
    expect((await s.run('false | true')).exitCode).toBe(0);
    await s.ok('unset -f greet');
    expect((await s.run('greet mesh')).stderr).toBe('bash: greet: command not found\n');
    // A line that does not parse runs alone, so the error is about the learner's own line.
    expect((await s.run('if then fi')).stderr).toBe("bash: syntax error near unexpected token `fi'\n");
  });

  it('prints a streaming program alone on its line as it goes, and any other line when it ends', async () => {
    const printed: string[] = [];
    const onOutput = (text: string) => void printed.push(text);
    // Not a streaming program: printed with the result, once the line is journaled.
    const plain = await s.shell.run('kubectl get ns default -o name', { onOutput });
    expect(printed).toEqual([]);
    expect(plain.stdout).toBe('namespace/default\n');
    // A watch alone on its line streams; piped, redirected or inside another command it does not.
    s.cluster.clock.setTimer(1_000, () => s.shell.cancel());
    const watched = await s.shell.run('kubectl get ns default -w', { onOutput });
    expect(watched.stdout).toBe('');
    expect(printed.join('')).toMatch(/^NAME\s+STATUS\s+AGE\ndefault\s+Active/);
    printed.length = 0;
    for (const line of [
      'kubectl get ns default -w | tr a-z A-Z',
      'kubectl get ns default -w > /tmp/ns',
      'echo "$(kubectl get ns default -w)"',
    ]) {
      s.cluster.clock.setTimer(1_000, () => s.shell.cancel());
      await s.shell.run(line, { onOutput });
      expect(printed, line).toEqual([]);
    }
  });

  it('times a pipeline on the cluster clock, as bash prints it', async () => {
    const result = await s.run('time sleep 2');
    expect(result.stderr).toBe('\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\n');
    expect((await s.run('time echo hi | tr a-z A-Z')).stdout).toBe('HI\n');
  });

  it('carries $? over to the next line', async () => {
    await s.run('kubectl get pod nope');
    expect(await s.ok('echo $?')).toBe('1\n');
    expect(await s.ok('echo $?')).toBe('0\n');
  });

  it('answers an unknown command like bash', async () => {
    const result = await s.run('frobnicate');
    expect(result.exitCode).toBe(127);
  });
});
