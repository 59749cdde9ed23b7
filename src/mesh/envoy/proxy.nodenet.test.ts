import { afterEach, describe, expect, it } from 'vitest';
import { SeededRandom, VirtualClock } from '../sim';
import { SimNet } from '../net';
import { NodeNet } from '../net/node';
import { runParityScenario } from './testing/parity-scenario';

const nets: NodeNet[] = [];
afterEach(async () => {
  await Promise.all(nets.splice(0).map((n) => n.dispose()));
});

describe('the same proxies on SimNet and NodeNet', () => {
  it('client sidecar → server sidecar gives the same status codes, bodies and stats on both networks', async () => {
    const node = new NodeNet({ random: new SeededRandom(1) });
    nets.push(node);
    const onNode = await runParityScenario(node);
    const onSim = await runParityScenario(new SimNet({ clock: new VirtualClock(), random: new SeededRandom(1) }));
    expect(onSim.codes).toEqual([200, 200, 503, 418, 404, 'ECONNRESET']);
    expect(onSim.bodies.slice(0, 2).sort()).toEqual(['httpbin-0', 'httpbin-1']);
    const c = 'cluster.outbound|8000||httpbin.default.svc.cluster.local';
    expect(onSim.stats).toMatchObject({
      [`${c}.upstream_rq_total`]: 5,
      [`${c}.upstream_rq_503`]: 3,
      [`${c}.upstream_rq_retry`]: 2,
    });
    expect(onNode).toEqual(onSim);
  });
});
