import { afterEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../cli/index';
import { setOwnedTimer, TimerOwner, VirtualClock } from '../sim';

const FAILED_SCHEDULING =
  '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found ' +
  'for incoming pod.';

const sessions: MeshSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
});

async function open(options: Parameters<typeof createMeshSession>[0]): Promise<MeshSession> {
  const session = await createMeshSession(options);
  sessions.push(session);
  return session;
}

/** Lines of `kubectl get pods` in a phase (the STATUS column). */
async function count(s: MeshSession, status: string): Promise<number> {
  const table = await s.ok('kubectl get pods --no-headers');
  return table.split('\n').filter((line) => line.split(/\s+/)[2] === status).length;
}

// Every wait below is on the virtual clock: these tests assert what the learner sees, never how long it took.
describe('the cluster’s bounds', { timeout: 120_000 }, () => {
  it('runs 110 pods a node; the rest stay Pending with kube-scheduler’s FailedScheduling until room is made', async () => {
    const s = await open({ preset: 'bare', seed: 5 });
    expect(await s.ok("kubectl get nodes -o jsonpath='{.items[*].status.allocatable.pods}'")).toBe('110 110 110');
    const system = (await s.ok('kubectl get pods -A --no-headers')).trim().split('\n').length;
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    expect(await s.ok('kubectl scale deploy sleep --replicas=340')).toBe('deployment.apps/sleep scaled\n');
    const room = 330 - system;
    expect(await count(s, 'Running')).toBe(room);
    expect(await count(s, 'Pending')).toBe(340 - room);

    const pending = (await s.ok('kubectl get pods --field-selector=status.phase=Pending -o name')).split('\n')[0]!;
    const pod = JSON.parse(await s.ok(`kubectl get ${pending} -o json`)) as {
      spec: { nodeName?: string };
      status: { conditions: { type: string; status: string; reason?: string; message?: string }[] };
    };
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: FAILED_SCHEDULING,
      }),
    );
    expect(await s.ok(`kubectl describe ${pending}`)).toMatch(
      new RegExp(`Warning\\s+FailedScheduling\\s+\\S+\\s+default-scheduler\\s+${escape(FAILED_SCHEDULING)}`),
    );

    // A thousand: the API server takes them, the cluster runs what fits, and later commands answer.
    const before = s.cluster.clock.now();
    await s.ok('kubectl scale deploy sleep --replicas=1000');
    expect(await count(s, 'Pending')).toBe(1000 - room);
    expect(s.cluster.clock.now() - before).toBeLessThan(60_000);
    expect(await s.ok('kubectl get deploy sleep --no-headers')).toMatch(new RegExp(`^sleep\\s+${room}/1000\\s`));

    // Scaling down deletes the Pending pods first; scaling up within the room runs them all.
    await s.ok('kubectl scale deploy sleep --replicas=3');
    expect(await count(s, 'Pending')).toBe(0);
    expect(await count(s, 'Running')).toBe(3);
    await s.ok('kubectl scale deploy sleep --replicas=200');
    expect(await count(s, 'Running')).toBe(200);
    expect(await count(s, 'Pending')).toBe(0);
  });

  it('refuses a billion replicas at once, with kubectl’s words, and changes nothing', async () => {
    const s = await open({ preset: 'bare', seed: 5 });
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    const clock = s.cluster.clock as VirtualClock;
    const [at, fired] = [clock.now(), clock.eventsFired];
    expect(await s.run('kubectl scale deploy sleep --replicas=1000000000')).toMatchObject({
      stderr:
        'The Deployment "sleep" is invalid: spec.replicas: Invalid value: 1000000000: must be less than or equal to 1000\n',
      exitCode: 1,
    });
    expect([clock.now(), clock.eventsFired]).toEqual([at, fired]);
    expect(await s.ok("kubectl get deploy sleep -o jsonpath='{.spec.replicas}'")).toBe('1');
  });

  it('stops a command past the loop limit, names the pod it kept busy, and goes on serving', async () => {
    const s = await open({ preset: 'istio', seed: 5, clock: new VirtualClock({ maxEvents: 20_000 }) });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml -f samples/httpbin/sample-client/fortio-deploy.yaml');
    const fortio = 'kubectl exec deploy/fortio-deploy -c fortio -- fortio load -qps 0 -loglevel Error';
    const runaway = await s.run(`${fortio} -n 100000000 http://httpbin:8000/get; echo not reached`);
    expect(runaway.exitCode).toBe(1);
    expect(runaway.stdout).not.toContain('not reached');
    expect(runaway.stderr).toMatch(
      /^meshdojo: kubectl was stopped: it made the simulator fire more than 20,000 timers in one command \(a loop that never ends\?\)\. Most were for pod default\/fortio-deploy-\S+; their pending work was dropped and the rest of the cluster goes on\. Ask for less/,
    );
    expect(runaway.stderr).not.toMatch(/timer-owner|VirtualClock|maxEvents|\n\s+at /);
    expect(await count(s, 'Running')).toBe(2);
    expect(await s.ok(`${fortio} -n 20 http://httpbin:8000/get`)).toContain('Code 200 : 20 (100.0 %)');
  });

  it('drops a loop that runs on in the cluster and names its owner, in the learner’s language', async () => {
    const s = await open({ preset: 'bare', seed: 5, clock: new VirtualClock({ maxEvents: 20_000 }), locale: 'ko' });
    const clock = s.cluster.clock;
    const owner = new TimerOwner('pod default/spinner');
    const spin = (): void => void setOwnedTimer(clock, 0.001, spin, owner);
    spin();
    const stopped = await s.run('sleep 10; echo not reached');
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toBe(
      'meshdojo: sleep 명령을 멈췄습니다. 명령 하나에서 시뮬레이터의 타이머가 20,000개 넘게 실행되었습니다' +
        '(끝나지 않는 반복일 수 있습니다). 대부분 pod default/spinner의 타이머였으며, 그 대기 중인 작업은 버렸습니다. ' +
        '클러스터의 나머지는 계속 동작합니다. 요청 수나 실행 시간을 줄여 다시 실행하거나, Ctrl-C를 더 일찍 누르십시오.\n',
    );
    const at = clock.now();
    expect(await s.ok('sleep 10; echo ok')).toBe('ok\n');
    expect(clock.now() - at).toBe(10_000);
    expect(await s.ok('kubectl get ns default --no-headers')).toMatch(/^default\s+Active/);
  });

  it('lets Ctrl-C stop a loop of timers at one instant, leaving its work a moment to wind down', async () => {
    const s = await open({ preset: 'bare', seed: 5 });
    const clock = s.cluster.clock as VirtualClock;
    const interrupt = new AbortController();
    const fired = clock.eventsFired;
    clock.setTimer(0, () => interrupt.abort(new Error('^C')));
    // Deaf to the signal, and never moving time: only the driver can stop waiting for it.
    let deafened = true;
    const deaf = s.cluster.run(
      async () => {
        while (deafened) await clock.sleep(0);
      },
      { signal: interrupt.signal },
    );
    await expect(deaf).rejects.toThrow('^C');
    expect(clock.eventsFired - fired).toBeLessThan(clock.maxEvents / 10);
    // (It would go on in the cluster, a runaway the next command's driver stops; here it ends.)
    deafened = false;
    // A command that listens winds down on its own: its promise settles with what it made of the signal.
    const again = new AbortController();
    clock.setTimer(1_000, () => again.abort(new Error('^C')));
    const listening = s.cluster.run(
      () =>
        clock.sleep(60_000, again.signal).then(
          () => 'slept',
          () => 'woke early',
        ),
      { signal: again.signal },
    );
    expect(await listening).toBe('woke early');
  });

  it('ends a route that loops through the ingress gateway in a 503, not in a runaway (not a performance test)', async () => {
    const s = await open({ preset: 'istio', seed: 5 });
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: loop
spec:
  hosts: ["*"]
  gateways: [gw]
  http:
  - route:
    - destination:
        host: istio-ingressgateway.istio-system.svc.cluster.local
        port: {number: 80}
EOF`);
    const code = await s.run(
      "curl -s -o /dev/null -w '%{http_code}' http://$(kubectl -n istio-system get svc istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')/",
    );
    expect(code).toMatchObject({ stdout: '503', exitCode: 0 });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
