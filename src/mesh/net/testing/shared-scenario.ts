/**
 * One small HTTP scenario written against the Net contract only, run by the SimNet and NodeNet tests to
 * prove the two networks give the same outcomes: DNS, keep-alive, refusal, capture through two sidecars,
 * mutual TLS, resets, aborts and latency.
 */
import { type Clock, runScenario } from '../../sim';
import {
  NetError,
  type Connection,
  type HttpHandler,
  type HttpRequest,
  type Net,
  type NetHost,
  type PeerInfo,
} from '../types';

const CLIENT = '10.1.0.1';
const SERVER = '10.1.0.2';
const SERVER_ID = 'spiffe://cluster.local/ns/default/sa/httpbin';
const CLIENT_ID = 'spiffe://cluster.local/ns/default/sa/sleep';

const get = (path: string, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'GET',
  path,
  authority: 'httpbin:8000',
  headers,
  body: '',
});

/**
 * What both networks tell a server about its client: the ephemeral port is SimNet's alone (the access log
 * reads it), so the scenario leaves it out.
 */
function comparable(peer: PeerInfo): PeerInfo {
  const { remotePort: _ephemeral, ...rest } = peer;
  return rest;
}

/** The application: echoes what it received and what it knows about the connection. */
const echo: HttpHandler = async (request, peer) => ({
  status: request.path.startsWith('/status/') ? Number(request.path.slice(8)) : 200,
  headers: { 'content-type': 'application/json', 'x-app': 'httpbin' },
  body: JSON.stringify({
    method: request.method,
    path: request.path,
    authority: request.authority,
    headers: request.headers,
    body: request.body,
    peer: comparable(peer),
  }),
});

/** A sidecar that forwards to where capture says the connection was going, over a fresh connection. */
function sidecar(host: NetHost, name: string, toLocalApp: boolean): HttpHandler {
  return async (request, peer) => {
    const original = peer.originalDestination;
    if (original === undefined) return { status: 404, headers: {}, body: 'no original destination' };
    // Toward its own application the sidecar binds 127.0.0.6, as Istio's inbound clusters do.
    const upstream = await host.connect(toLocalApp ? host.address : original.address, original.port, {
      bypassCapture: true,
      ...(toLocalApp && { sourceAddress: '127.0.0.6' }),
    });
    const response = await upstream.request({
      ...request,
      headers: { ...request.headers, [`x-via-${name}`]: `${original.address}:${original.port}` },
    });
    upstream.close();
    return response;
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof NetError ? error.code : `other: ${String(error)}`;
  }
}

/** True once the connection closes (at once on SimNet; after the socket's close event on NodeNet). */
function closesWithin(clock: Clock, connection: Connection, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = connection.closed ? undefined : clock.setTimer(ms, () => resolve(false));
    connection.onClose(() => {
      timer?.cancel();
      resolve(true);
    });
  });
}

export interface SharedScenarioOutcome {
  [step: string]: unknown;
}

export async function runSharedScenario(net: Net): Promise<SharedScenarioOutcome> {
  const clock = net.clock;
  const client = net.host(CLIENT);
  const server = net.host(SERVER);
  net.setDnsRecord('httpbin.default.svc.cluster.local', SERVER);
  net.setSearchDomains(CLIENT, ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
  server.listen(8000, echo);
  server.listen(9443, echo, { tls: { mode: 'STRICT', identity: SERVER_ID } });
  server.listen(9000, async () => {
    throw new Error('app crashed');
  });
  server.listen(9100, async (_request, _peer, signal) => {
    await clock.sleep(5000, signal);
    return { status: 200, headers: {}, body: 'late' };
  });

  return runScenario(
    clock,
    async () => {
      const out: SharedScenarioOutcome = {};
      out.resolveShort = client.resolve('httpbin');
      out.resolveMissing = client.resolve('nope') ?? null;

      const keepAlive = await client.connect('httpbin', 8000);
      const first = await keepAlive.request({
        ...get('/anything?x=1', { 'x-test': 'a b' }),
        method: 'POST',
        body: 'hello',
      });
      const second = await keepAlive.request(get('/status/418'));
      out.keepAlive = {
        first: { status: first.status, headers: first.headers, body: JSON.parse(first.body) as unknown },
        secondStatus: second.status,
        requestCount: keepAlive.requestCount,
        closed: keepAlive.closed,
        remote: [keepAlive.remoteAddress, keepAlive.remotePort],
      };
      let closeEvents = 0;
      keepAlive.onClose(() => closeEvents++);
      await keepAlive.request(get('/last', { connection: 'close' }));
      out.connectionClose = {
        closed: keepAlive.closed,
        closeEvents,
        after: await codeOf(keepAlive.request(get('/again'))),
      };

      out.refused = await codeOf(client.connect(SERVER, 8001));
      out.notFound = await codeOf(client.connect('nope', 8000));
      out.unreachable = await codeOf(client.connect('10.1.9.9', 8000));
      out.handlerError = await codeOf((await client.connect(SERVER, 9000)).request(get('/')));

      const aborting = await client.connect(SERVER, 9100);
      const controller = new AbortController();
      clock.setTimer(20, () => controller.abort(new Error('caller gave up')));
      out.abort = {
        message: await aborting.request(get('/slow'), controller.signal).then(
          () => 'resolved',
          (e: Error) => e.message,
        ),
        closed: aborting.closed,
      };

      const plaintext = await client.connect(SERVER, 9443);
      out.strictPlaintext = await codeOf(plaintext.request(get('/')));
      out.strictPlaintextClosed = plaintext.closed;
      const mtls = await client.connect(SERVER, 9443, { tls: { identity: CLIENT_ID, serverIdentity: SERVER_ID } });
      out.strictMtlsPeer = (JSON.parse((await mtls.request(get('/'))).body) as { peer: unknown }).peer;
      out.tlsToPlaintext = await codeOf(client.connect(SERVER, 8000, { tls: { identity: CLIENT_ID } }));

      client.setCapture({ outboundPort: 15001, inboundPort: 15006 });
      server.setCapture({ outboundPort: 15001, inboundPort: 15006, excludePorts: [15020] });
      client.listen(15001, sidecar(client, 'client-sidecar', false));
      server.listen(15006, sidecar(server, 'server-sidecar', true));
      server.listen(15020, async (_request, peer) => ({
        status: 200,
        headers: {},
        body: JSON.stringify(comparable(peer)),
      }));
      const captured = await (await client.connect('httpbin', 8000)).request(get('/captured'));
      out.captured = { status: captured.status, body: JSON.parse(captured.body) as unknown };
      const excluded = await (await client.connect(SERVER, 15020, { bypassCapture: true })).request(get('/healthz'));
      out.excludedPort = JSON.parse(excluded.body) as unknown;
      client.setCapture(undefined);
      server.setCapture(undefined);

      net.setLink(CLIENT, SERVER, { latencyMs: 30 });
      const slow = await client.connect(SERVER, 8000);
      const started = clock.now();
      await slow.request(get('/slow-link'));
      // Real timers may fire a fraction of a millisecond early; virtual ones take exactly 60 ms.
      out.latencyAddsRoundTrip = clock.now() - started >= 58;
      net.setLink(CLIENT, SERVER, { resetProbability: 1 });
      out.linkReset = await codeOf((await client.connect(SERVER, 8000)).request(get('/')));
      net.setLink(CLIENT, SERVER, { refuseProbability: 1 });
      out.linkRefused = await codeOf(client.connect(SERVER, 8000));
      net.setLink(CLIENT, SERVER, undefined);

      const doomed = await client.connect(SERVER, 8000);
      net.removeHost(SERVER);
      out.afterRemoval = await codeOf(client.connect(SERVER, 8000));
      out.doomedClosed = await closesWithin(clock, doomed, 2000);
      return out;
    },
    { maxTimeMs: 10_000 },
  );
}
