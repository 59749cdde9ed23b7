import { describe, expect, it } from 'vitest';
import { HttpClient } from '../http-client';
import { TestCluster } from '../testing/test-cluster';
import { productpageConcurrency } from './productpage-workers';

const IMAGE = (service: string): string => `docker.io/istio/examples-bookinfo-${service}:1.20.3`;

describe('productpage’s workers, as gunicorn reads its command line', () => {
  const of = (args?: string[], command?: string[], env: Record<string, string> = {}) =>
    productpageConcurrency({ ...(args && { args }), ...(command && { command }), env });

  it('runs the image’s CMD (8 gevent workers of 1000 connections) unless the pod says otherwise', () => {
    expect(of()).toBe(8000);
  });

  it('counts sync workers one request each, threads per worker, and async workers by their connections', () => {
    expect(of(['gunicorn', '-b', '[::]:9080', 'productpage:app', '-w', '4'])).toBe(4);
    expect(of(['gunicorn', 'productpage:app', '--workers=3', '--threads', '5'])).toBe(15);
    expect(of(['gunicorn', 'productpage:app', '-w2', '-k', 'gevent', '--worker-connections', '10'])).toBe(20);
    expect(of(['gunicorn', 'productpage:app'], undefined, { WEB_CONCURRENCY: '6' })).toBe(6);
  });

  it('has no bound under Flask’s threaded server, and a pod `command` replaces the image’s CMD', () => {
    expect(of(undefined, ['python', 'productpage.py', '9080'])).toBeUndefined();
    expect(of(['-w', '2'], ['/usr/local/bin/gunicorn', 'productpage:app'])).toBe(2);
  });
});

describe('a slow ratings behind productpage’s 4 sync workers', () => {
  /** Bookinfo pod to pod with reviews v2, whose ratings always answers `ratingsDelayMs` late. */
  function bookinfo(ratingsDelayMs: number) {
    const cluster = new TestCluster();
    cluster.deploy(IMAGE('details-v1'), 'details-v1-79dfbd6fff-2xk8p', 'details');
    cluster.serve('ratings', 9080, async () => {
      await cluster.clock.sleep(ratingsDelayMs);
      return { status: 200, headers: {}, body: '{"id":0,"ratings":{"Reviewer1":5,"Reviewer2":4}}' };
    });
    cluster.deploy(IMAGE('reviews-v2'), 'reviews-v2-5c5b7b9f8d-7vqxq', 'reviews');
    cluster.deploy(IMAGE('productpage-v1'), 'productpage-v1-d5789fdfb-4pn5r', 'productpage', {
      args: ['gunicorn', '-b', '[::]:9080', 'productpage:app', '-w', '4'],
    });
    return cluster;
  }

  /** Sends 8 pages at once; when each one finished, from the start. */
  async function eightPages(cluster: TestCluster): Promise<number[]> {
    const start = cluster.clock.now();
    const done = await cluster.run(() =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
          await client.get('http://productpage:9080/productpage');
          return cluster.clock.now() - start;
        }),
      ),
    );
    return done.sort((a, b) => a - b);
  }

  it('answers 8 pages at once in well under a second while ratings is fast', async () => {
    expect((await eightPages(bookinfo(5))).at(-1)).toBeLessThan(1000);
  });

  it('serves 4 pages at a time when each holds a worker 6 s: the other 4 wait their turn', async () => {
    // reviews v2 waits 7 s for ratings; productpage gives up on reviews after 3 s and tries once more.
    const done = await eightPages(bookinfo(7000));
    expect(done.slice(0, 4).every((ms) => ms >= 6000 && ms < 6100)).toBe(true);
    expect(done.slice(4).every((ms) => ms >= 12_000 && ms < 12_100)).toBe(true);
  });
});

describe('ratings’ demo modes (SERVICE_VERSION)', () => {
  async function twentyCalls(version: string) {
    const cluster = new TestCluster();
    cluster.deploy(IMAGE('ratings-v1'), 'ratings-v1-6cf6bc7c85-9m6kj', 'ratings', {
      env: { SERVICE_VERSION: version },
    });
    const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
    return cluster.run(async () => {
      const seen: { status: number; ms: number }[] = [];
      for (let i = 0; i < 20; i++) {
        const start = cluster.clock.now();
        const { status } = await client.get('http://ratings:9080/ratings/0');
        seen.push({ status, ms: cluster.clock.now() - start });
      }
      return seen;
    });
  }

  it('v-delayed answers about half of its GETs 7 s late, all 200', async () => {
    const calls = await twentyCalls('v-delayed');
    const late = calls.filter((c) => c.ms >= 7000 && c.ms < 7100).length;
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(late).toBeGreaterThanOrEqual(5);
    expect(late).toBeLessThanOrEqual(15);
    expect(calls.filter((c) => c.ms < 100).length).toBe(20 - late);
  });

  it('v-faulty answers about half of its GETs 503 at once', async () => {
    const calls = await twentyCalls('v-faulty');
    const failed = calls.filter((c) => c.status === 503).length;
    expect(failed).toBeGreaterThanOrEqual(5);
    expect(failed).toBeLessThanOrEqual(15);
    expect(calls.every((c) => c.ms < 100)).toBe(true);
  });
});
