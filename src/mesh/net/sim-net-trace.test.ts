import { describe, expect, it } from 'vitest';
import { SeededRandom, Trace, VirtualClock } from '../sim';
import { SimNet } from './sim-net';

/** Concurrent clients over a flaky, slow link: every random draw and timer shows up in the trace. */
async function flakyRun(seed: number): Promise<string> {
  const clock = new VirtualClock();
  const trace = new Trace(clock);
  const net = new SimNet({ clock, random: new SeededRandom(seed), trace });
  net.setLink('*', '10.0.0.2', { latencyMs: 3, refuseProbability: 0.2, resetProbability: 0.2 });
  net.host('10.0.0.2').listen(80, async (request) => {
    await clock.sleep(request.path.length);
    return { status: 200, headers: {}, body: request.path };
  });
  await clock.run(async () => {
    await Promise.all(
      [1, 2, 3].map(async (client) => {
        for (let i = 0; i < 10; i++) {
          try {
            const c = await net.host(`10.0.1.${client}`).connect('10.0.0.2', 80);
            await c.request({ method: 'GET', path: `/c${client}/${i}`, authority: 'a', headers: {}, body: '' });
          } catch {
            await clock.sleep(1);
          }
        }
      }),
    );
  });
  return trace.toString();
}

describe('SimNet determinism', () => {
  it('records an identical trace for the same seed and a different one for another seed', async () => {
    const first = await flakyRun(7);
    expect(await flakyRun(7)).toBe(first);
    expect(await flakyRun(8)).not.toBe(first);
    expect(first).toContain('net.connect.fail');
    expect(first).toContain('net.close');
  });
});
