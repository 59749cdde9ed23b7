import { describe, expect, it } from 'vitest';
import { createCluster } from '../../mesh';
import { readTopology } from './topology';

describe('readTopology', () => {
  it('shows each Bookinfo workload by version, with its sidecar and ready pods', async () => {
    const cluster = await createCluster({ seed: 3, clock: 'virtual', preset: 'bookinfo' });
    const { nodes } = readTopology(cluster, 0);
    const reviews = nodes.filter((n) => n.app === 'reviews').map((n) => [n.version, n.sidecar, n.ready]);
    expect(reviews.sort()).toEqual([
      ['v1', true, 1],
      ['v2', true, 1],
      ['v3', true, 1],
    ]);
    cluster.dispose();
  }, 30_000);
});
