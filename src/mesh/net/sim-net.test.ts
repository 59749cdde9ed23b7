import { describe, expect, it } from 'vitest';
import { SeededRandom, type SimulationError, Trace, VirtualClock } from '../sim';
import { SimNet } from './sim-net';
import { NetError, type HttpHandler, type HttpRequest } from './types';

function setup(seed = 1) {
  const clock = new VirtualClock();
  const trace = new Trace(clock);
  const net = new SimNet({ clock, random: new SeededRandom(seed), trace });
  return { clock, trace, net, run: <T>(fn: () => Promise<T>) => clock.run(fn) };
}

const get = (path = '/', headers: Record<string, string> = {}): HttpRequest => ({
  method: 'GET',
  path,
  authority: 'server',
  headers,
  body: '',
});

const ok: HttpHandler = async (request) => ({ status: 200, headers: {}, body: `ok ${request.path}` });

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof NetError ? error.code : String(error);
  }
}

describe('SimNet connections', () => {
  it('connects to a listening port and carries a request and its response', async () => {
    const { net, run } = setup();
    net.host('10.0.0.2').listen(80, ok);
    const response = await run(async () => {
      const connection = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      return connection.request(get('/hello'));
    });
    expect(response).toEqual({ status: 200, headers: {}, body: 'ok /hello' });
  });

  it('refuses a connection with ECONNREFUSED when nothing listens on the port', async () => {
    const { net, run } = setup();
    net.host('10.0.0.2');
    expect(await run(() => errorCode(net.host('10.0.0.1').connect('10.0.0.2', 81)))).toBe('ECONNREFUSED');
  });

  it('fails with ENOTFOUND for a name DNS does not know and EHOSTUNREACH for an address with no host', async () => {
    const { net, run } = setup();
    const client = net.host('10.0.0.1');
    expect(await run(() => errorCode(client.connect('nope', 80)))).toBe('ENOTFOUND');
    expect(await run(() => errorCode(client.connect('10.9.9.9', 80)))).toBe('EHOSTUNREACH');
  });

  it('reuses one keep-alive connection for sequential requests and counts them', async () => {
    const { net, run } = setup();
    const ports: number[] = [];
    net.host('10.0.0.2').listen(80, async (request, peer) => {
      ports.push(peer.localPort);
      return { status: 200, headers: {}, body: request.path };
    });
    const connection = await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      for (let i = 0; i < 3; i++) await c.request(get(`/${i}`));
      return c;
    });
    expect(connection.requestCount).toBe(3);
    expect(connection.closed).toBe(false);
    expect(ports).toEqual([80, 80, 80]);
  });

  it('throws when a second request starts while one is in flight on the same connection', async () => {
    const { net, clock, run } = setup();
    net.host('10.0.0.2').listen(80, async () => (await clock.sleep(10), { status: 200, headers: {}, body: '' }));
    await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      const first = c.request(get());
      expect(() => c.request(get())).toThrow(/one request at a time/);
      await first;
    });
  });

  it('closes the connection after the response when the request says connection: close', async () => {
    const { net, run } = setup();
    net.host('10.0.0.2').listen(80, ok);
    const result = await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      let closedEvents = 0;
      c.onClose(() => closedEvents++);
      const response = await c.request(get('/', { connection: 'close' }));
      return { status: response.status, closed: c.closed, closedEvents, next: await errorCode(c.request(get())) };
    });
    expect(result).toEqual({ status: 200, closed: true, closedEvents: 1, next: 'ECONNRESET' });
  });

  it('closes the connection after a response that says connection: close', async () => {
    const { net, run } = setup();
    net.host('10.0.0.2').listen(80, async () => ({ status: 200, headers: { connection: 'close' }, body: '' }));
    const closed = await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      await c.request(get());
      return c.closed;
    });
    expect(closed).toBe(true);
  });

  it('rejects an aborted request with the abort reason, closes the connection and aborts the handler', async () => {
    const { net, clock, run } = setup();
    let handlerSignal: AbortSignal | undefined;
    net.host('10.0.0.2').listen(80, async (_request, _peer, signal) => {
      handlerSignal = signal;
      await clock.sleep(1000, signal);
      return { status: 200, headers: {}, body: '' };
    });
    const result = await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      const controller = new AbortController();
      clock.setTimer(100, () => controller.abort(new Error('client gave up')));
      const message = await c.request(get(), controller.signal).catch((e: Error) => e.message);
      return { message, closed: c.closed, at: clock.now() };
    });
    expect(result).toEqual({ message: 'client gave up', closed: true, at: 100 });
    expect(handlerSignal?.aborted).toBe(true);
  });

  it('resets the connection with ECONNRESET when the handler fails', async () => {
    const { net, run } = setup();
    net.host('10.0.0.2').listen(80, async () => {
      throw new Error('app crashed');
    });
    const code = await run(async () => errorCode((await net.host('10.0.0.1').connect('10.0.0.2', 80)).request(get())));
    expect(code).toBe('ECONNRESET');
  });

  it('closes idle connections when the listener closes, and refuses new ones', async () => {
    const { net, run } = setup();
    const listening = net.host('10.0.0.2').listen(80, ok);
    const result = await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      listening.close();
      return { closed: c.closed, reconnect: await errorCode(net.host('10.0.0.1').connect('10.0.0.2', 80)) };
    });
    expect(result).toEqual({ closed: true, reconnect: 'ECONNREFUSED' });
  });

  it('resets a request in flight with ECONNRESET when the server host is removed', async () => {
    const { net, clock, run } = setup();
    net.host('10.0.0.2').listen(80, async () => (await clock.sleep(50), { status: 200, headers: {}, body: '' }));
    const code = await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      clock.setTimer(10, () => net.removeHost('10.0.0.2'));
      return errorCode(c.request(get()));
    });
    expect(code).toBe('ECONNRESET');
  });
});

describe('SimNet runaway protection', () => {
  it('stops an endless loop of instant requests with the loop limit instead of hanging', async () => {
    const clock = new VirtualClock({ maxEvents: 10_000 });
    const net = new SimNet({ clock, random: new SeededRandom(1) });
    net.host('10.0.0.2').listen(80, async () => ({ status: 503, headers: {}, body: '' }));
    const error = await clock
      .run(async () => {
        const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
        for (;;) await c.request(get()); // a retry loop with no backoff and no limit
      })
      .catch((e: unknown) => e);
    expect((error as SimulationError).reason).toBe('EventLimit');
  });
});

describe('SimNet local ports', () => {
  it('holds 28,232 connections open from one host to one address and port, refuses the next, and frees one on close', async () => {
    const { net, run } = setup();
    net.host('10.0.0.2').listen(80, ok);
    net.host('10.0.0.2').listen(81, ok);
    const client = net.host('10.0.0.1');
    const open = await run(async () => {
      const connections = [];
      for (let i = 0; i < 28_232; i++) connections.push(await client.connect('10.0.0.2', 80));
      return connections;
    });
    const refused = await run(() => client.connect('10.0.0.2', 80)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NetError);
    expect((refused as NetError).code).toBe('EADDRNOTAVAIL');
    expect((refused as NetError).message).toBe('connect EADDRNOTAVAIL 10.0.0.2:80: Cannot assign requested address');
    // Another port is another destination; a closed connection gives its port back.
    expect(await errorCode(run(() => client.connect('10.0.0.2', 81)))).toBe('no error');
    open[0]!.close();
    expect(await errorCode(run(() => client.connect('10.0.0.2', 80)))).toBe('no error');
  });
});

describe('SimNet links', () => {
  it('charges a round trip to connect, then the one-way latency to the request and again to the response', async () => {
    const { net, clock, run } = setup();
    net.setLink('10.0.0.1', '10.0.0.2', { latencyMs: 25 });
    let arrivedAt = -1;
    net.host('10.0.0.2').listen(80, async () => {
      arrivedAt = clock.now();
      await clock.sleep(10);
      return { status: 200, headers: {}, body: '' };
    });
    const times = await run(async () => {
      const c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      const connectedAt = clock.now();
      await c.request(get());
      return { connectedAt, doneAt: clock.now() };
    });
    expect(times.connectedAt).toBe(50);
    expect(arrivedAt).toBe(50 + 25);
    expect(times.doneAt).toBe(50 + 25 + 10 + 25);
  });

  it('charges TLS one more round trip, and a refusal or a failed handshake as long as the answer takes', async () => {
    const { net, clock, run } = setup();
    net.setLink('*', '*', { latencyMs: 5 });
    const server = net.host('10.0.0.2');
    server.listen(443, ok, { tls: { mode: 'STRICT', identity: 'spiffe://cluster.local/ns/default/sa/server' } });
    server.listen(80, ok);
    const client = net.host('10.0.0.1');
    const elapsed = async (connect: () => Promise<unknown>): Promise<[number, string]> => {
      const start = clock.now();
      const code = await errorCode(connect());
      return [clock.now() - start, code];
    };
    const results = await run(async () => ({
      tls: await elapsed(() => client.connect('10.0.0.2', 443, { tls: { identity: 'spiffe://a' } })),
      refused: await elapsed(() => client.connect('10.0.0.2', 81)),
      tlsToPlaintext: await elapsed(() => client.connect('10.0.0.2', 80, { tls: { identity: 'spiffe://a' } })),
      local: await elapsed(() => server.connect('10.0.0.2', 80)),
    }));
    expect(results).toEqual({
      tls: [20, 'no error'],
      refused: [10, 'ECONNREFUSED'],
      tlsToPlaintext: [20, 'ECONNRESET'],
      local: [0, 'no error'],
    });
  });

  it('resets a connect whose listener closes during the handshake', async () => {
    const { net, clock, run } = setup();
    net.setLink('*', '*', { latencyMs: 5 });
    const listening = net.host('10.0.0.2').listen(80, ok);
    const code = await run(async () => {
      const pending = errorCode(net.host('10.0.0.1').connect('10.0.0.2', 80));
      await clock.sleep(4);
      listening.close();
      return pending;
    });
    expect(code).toBe('ECONNRESET');
  });

  it('prefers the exact link over wildcard ones', async () => {
    const { net, clock, run } = setup();
    net.setLink('*', '*', { latencyMs: 100 });
    net.setLink('10.0.0.1', '*', { latencyMs: 5 });
    net.host('10.0.0.2').listen(80, ok);
    const elapsed = await run(async () => {
      await (await net.host('10.0.0.1').connect('10.0.0.2', 80)).request(get());
      return clock.now();
    });
    // 10 ms for the TCP handshake, 10 for the request and its response: never the 100 ms link.
    expect(elapsed).toBe(20);
  });

  it('refuses about refuseProbability of connection attempts', async () => {
    const { net, run } = setup(11);
    net.host('10.0.0.2').listen(80, ok);
    net.setLink('10.0.0.1', '10.0.0.2', { refuseProbability: 0.3 });
    const refused = await run(async () => {
      let count = 0;
      for (let i = 0; i < 2000; i++)
        if ((await errorCode(net.host('10.0.0.1').connect('10.0.0.2', 80))) === 'ECONNREFUSED') count++;
      return count;
    });
    expect(refused / 2000).toBeGreaterThan(0.27);
    expect(refused / 2000).toBeLessThan(0.33);
  });

  it('resets about resetProbability of requests, each reset closing its connection', async () => {
    const { net, run } = setup(12);
    net.host('10.0.0.2').listen(80, ok);
    net.setLink('10.0.0.1', '10.0.0.2', { resetProbability: 0.2 });
    const resets = await run(async () => {
      let count = 0;
      let c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
      for (let i = 0; i < 2000; i++) {
        if ((await errorCode(c.request(get()))) === 'ECONNRESET') {
          count++;
          expect(c.closed).toBe(true);
          c = await net.host('10.0.0.1').connect('10.0.0.2', 80);
        }
      }
      return count;
    });
    expect(resets / 2000).toBeGreaterThan(0.17);
    expect(resets / 2000).toBeLessThan(0.23);
  });
});
