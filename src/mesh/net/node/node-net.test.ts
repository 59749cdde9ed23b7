import { afterEach, describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../../sim';
import { runSharedScenario } from '../testing/shared-scenario';
import { SimNet } from '../sim-net';
import { NodeNet } from './node-net';

const nets: NodeNet[] = [];
afterEach(async () => {
  await Promise.all(nets.splice(0).map((net) => net.dispose()));
});

function nodeNet(options: ConstructorParameters<typeof NodeNet>[0] = {}): NodeNet {
  const net = new NodeNet({ random: new SeededRandom(1), ...options });
  nets.push(net);
  return net;
}

describe('NodeNet', () => {
  it('gives the same outcomes as SimNet for the shared HTTP scenario over real loopback sockets', async () => {
    const onNode = await runSharedScenario(nodeNet());
    const onSim = await runSharedScenario(new SimNet({ clock: new VirtualClock(), random: new SeededRandom(1) }));
    expect(onNode).toEqual(onSim);
  });

  it('gives the same outcomes with every host sharing 127.0.0.1', async () => {
    const onNode = await runSharedScenario(nodeNet({ loopback: 'shared' }));
    const onSim = await runSharedScenario(new SimNet({ clock: new VirtualClock(), random: new SeededRandom(1) }));
    expect(onNode).toEqual(onSim);
  });

  it('serves each host on its own loopback address and reports the real endpoint', async () => {
    const net = nodeNet({ loopback: 'per-host' });
    net.host('10.2.0.1').listen(80, async () => ({ status: 200, headers: {}, body: '' }));
    net.host('10.2.0.2').listen(80, async () => ({ status: 200, headers: {}, body: '' }));
    const a = await net.endpoint('10.2.0.1', 80);
    const b = await net.endpoint('10.2.0.2', 80);
    expect(a?.host).toMatch(/^127\./);
    expect(b?.host).toMatch(/^127\./);
    expect(a?.host).not.toBe(b?.host);
    expect(await net.endpoint('10.2.0.1', 81)).toBeUndefined();
  });

  it('keeps one real socket per connection across keep-alive requests', async () => {
    const net = nodeNet();
    const sockets = new Set<string>();
    net.host('10.2.0.2').listen(80, async (_request, peer) => {
      sockets.add(peer.remoteAddress);
      return { status: 200, headers: {}, body: '' };
    });
    const connection = await net.host('10.2.0.1').connect('10.2.0.2', 80);
    for (let i = 0; i < 5; i++)
      await connection.request({ method: 'GET', path: `/${i}`, authority: 'x', headers: {}, body: '' });
    expect(connection.requestCount).toBe(5);
    expect(connection.closed).toBe(false);
    expect(sockets).toEqual(new Set(['10.2.0.1']));
    connection.close();
    expect(connection.closed).toBe(true);
  });
});
