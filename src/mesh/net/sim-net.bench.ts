/**
 * Micro-benchmarks for the simulated network and the virtual clock. A plain script: `run()` returns one
 * figure per case; `npm run bench` (scripts/bench.ts) prints them. Wall time is read here only to
 * measure — never inside the simulation.
 */
import { SeededRandom, VirtualClock } from '../sim';
import { SimNet } from './sim-net';
import type { Connection, HttpHandler, HttpRequest, NetHost } from './types';

/** Same shape as scripts/bench.ts's Figure (src/mesh does not import scripts/). */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const request: HttpRequest = { method: 'GET', path: '/get', authority: 'httpbin:8000', headers: {}, body: '' };
const okHandler: HttpHandler = async () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });

async function measure(
  name: string,
  unit: 'req/s' | 'timers/s' | 'sleeps/s',
  ops: number,
  body: () => Promise<void>,
  goal?: string,
): Promise<BenchFigure> {
  const start = performance.now();
  await body();
  const wallMs = performance.now() - start;
  return { name, value: (ops / wallMs) * 1000, unit, ...(goal !== undefined && { goal }) };
}

function newNet(): { clock: VirtualClock; net: SimNet } {
  const clock = new VirtualClock({ maxEvents: 50_000_000 });
  return { clock, net: new SimNet({ clock, random: new SeededRandom(1) }) };
}

async function oneConnection(requests: number, latencyMs: number): Promise<BenchFigure> {
  const { clock, net } = newNet();
  net.host('10.0.0.2').listen(8000, okHandler);
  if (latencyMs > 0) net.setLink('*', '*', { latencyMs });
  return measure(`sim-net: requests over one connection, ${latencyMs} ms latency`, 'req/s', requests, () =>
    clock.run(async () => {
      const connection = await net.host('10.0.0.1').connect('10.0.0.2', 8000);
      for (let i = 0; i < requests; i++) await connection.request(request);
    }),
  );
}

/** The smallest forwarding proxy: reuse idle keep-alive connections per destination, else open one. */
function forwardingProxy(
  host: NetHost,
  destinationOf: (peerPort: number, original?: { address: string; port: number }) => { address: string; port: number },
): HttpHandler {
  const idle = new Map<string, Connection[]>();
  return async (incoming, peer) => {
    const destination = destinationOf(peer.localPort, peer.originalDestination);
    const key = `${destination.address}:${destination.port}`;
    const pool = idle.get(key) ?? [];
    idle.set(key, pool);
    let connection = pool.pop();
    while (connection?.closed) connection = pool.pop();
    connection ??= await host.connect(destination.address, destination.port, { bypassCapture: true });
    const response = await connection.request(incoming);
    if (!connection.closed) pool.push(connection);
    return response;
  };
}

/** app → (captured) client sidecar → (inbound-captured) server sidecar → app, with `clients` callers. */
async function twoProxies(requests: number, clients: number, latencyMs: number): Promise<BenchFigure> {
  const { clock, net } = newNet();
  if (latencyMs > 0) net.setLink('*', '*', { latencyMs });
  const clientPod = net.host('10.0.0.1');
  const serverPod = net.host('10.0.0.2');
  clientPod.setCapture({ outboundPort: 15001, inboundPort: 15006 });
  serverPod.setCapture({ outboundPort: 15001, inboundPort: 15006 });
  clientPod.listen(
    15001,
    forwardingProxy(clientPod, (_port, original) => original!),
  );
  serverPod.listen(
    15006,
    forwardingProxy(serverPod, (_port, original) => ({ address: '10.0.0.2', port: original!.port })),
  );
  serverPod.listen(8000, okHandler);
  const perClient = Math.floor(requests / clients);
  return measure(
    `sim-net: requests via two forwarding proxies, ${clients} callers, ${latencyMs} ms latency`,
    'req/s',
    perClient * clients,
    () =>
      clock.run(async () => {
        await Promise.all(
          Array.from({ length: clients }, async () => {
            const connection = await clientPod.connect('10.0.0.2', 8000);
            for (let i = 0; i < perClient; i++) {
              const response = await connection.request(request);
              if (response.status !== 200) throw new Error(`unexpected status ${response.status}`);
            }
          }),
        );
      }),
    '≥ 50,000 req/s with the real proxies',
  );
}

async function timersAtDistinctTimes(timers: number): Promise<BenchFigure> {
  const clock = new VirtualClock({ maxEvents: timers + 1 });
  let fired = 0;
  for (let i = 0; i < timers; i++) clock.setTimer(i, () => fired++);
  const result = await measure('virtual-clock: timers at distinct instants', 'timers/s', timers, () =>
    clock.runUntilIdle(),
  );
  if (fired !== timers) throw new Error(`only ${fired} of ${timers} timers fired`);
  return result;
}

async function timersAtFewInstants(timers: number): Promise<BenchFigure> {
  const clock = new VirtualClock({ maxEvents: timers + 1 });
  const random = new SeededRandom(2);
  for (let i = 0; i < timers; i++) clock.setTimer(random.int(100), () => {});
  return measure('virtual-clock: timers sharing 100 instants', 'timers/s', timers, () => clock.runUntilIdle());
}

async function sleepingTasks(tasks: number, sleepsEach: number): Promise<BenchFigure> {
  const clock = new VirtualClock({ maxEvents: tasks * sleepsEach + 1 });
  const random = new SeededRandom(3);
  return measure(`virtual-clock: ${tasks} tasks sleeping in turn`, 'sleeps/s', tasks * sleepsEach, () =>
    clock.run(async () => {
      await Promise.all(
        Array.from({ length: tasks }, async () => {
          for (let i = 0; i < sleepsEach; i++) await clock.sleep(1 + random.int(10));
        }),
      );
    }),
  );
}

export async function run(): Promise<BenchFigure[]> {
  return [
    await oneConnection(200_000, 0),
    await oneConnection(50_000, 1),
    await twoProxies(100_000, 10, 0),
    await twoProxies(20_000, 1, 1),
    await twoProxies(100_000, 10, 1),
    await timersAtDistinctTimes(200_000),
    await timersAtFewInstants(1_000_000),
    await sleepingTasks(100, 2_000),
  ];
}
