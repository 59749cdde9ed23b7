import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MeshTopology } from '../../../runtime/types';
import { fitLayout, layoutGraph, type Box, type GraphLayout, type GraphSizes } from './graph-layout';

const workload = (namespace: string, app: string, version = 'v1'): GraphNode => ({
  id: `${namespace}/${app}/${version}`,
  app,
  version,
  namespace,
  ready: 1,
  total: 1,
  sidecar: true,
});
const call = (from: GraphNode, to: GraphNode, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  from: from.id,
  to: to.id,
  rate: 1.5,
  errorShare: 0,
  mtls: true,
  breaker: 'closed',
  ejected: 0,
  ...extra,
});

/** Bookinfo as the request-routing lab shows it after traffic through the ingress gateway. */
function bookinfo(): MeshTopology {
  const gateway = workload('istio-system', 'istio-ingressgateway', '');
  const istiod = workload('istio-system', 'istiod', '');
  const productpage = workload('default', 'productpage');
  const details = workload('default', 'details');
  const reviews = ['v1', 'v2', 'v3'].map((v) => workload('default', 'reviews', v));
  const ratings = workload('default', 'ratings');
  return {
    nodes: [gateway, istiod, productpage, details, ...reviews, ratings],
    edges: [
      call(gateway, productpage),
      call(productpage, details),
      ...reviews.map((r) => call(productpage, r, { errorShare: 0.25 })),
      call(reviews[1]!, ratings),
      call(reviews[2]!, ratings, { breaker: 'tripped', ejected: 1 }),
    ],
  };
}

/** Sizes as the page would measure them: about 7 px a character, a second label line for errors. */
const sizes: GraphSizes = {
  node: (n) => ({ width: Math.max(84, 7 * `${n.app} ${n.version}`.length + 20), height: 52 }),
  label: (e) => ({ width: 90, height: e.errorShare > 0 || e.ejected > 0 ? 32 : 18 }),
};

const overlaps = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) &&
  Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
const within = (box: Box, layout: GraphLayout) =>
  box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height;

describe('layoutGraph', () => {
  for (const orientation of ['across', 'down'] as const) {
    it(`${orientation}: every node and label inside the drawing; no label covers a node or another label`, () => {
      const layout = layoutGraph(bookinfo(), sizes, orientation);
      const nodes = [...layout.nodes.values()];
      const labels = layout.edges.map((e) => e.label);
      for (const box of [...nodes, ...labels]) expect(within(box, layout)).toBe(true);
      for (const label of labels) {
        for (const node of nodes) expect(overlaps(label, node)).toBe(false);
        for (const other of labels) if (other !== label) expect(overlaps(label, other)).toBe(false);
      }
      for (const [a, b] of nodes.flatMap((a, i) => nodes.slice(i + 1).map((b) => [a, b] as const)))
        expect(overlaps(a, b)).toBe(false);
    });
  }

  it('puts callers before callees: across from left to right, down from top to bottom', () => {
    const topology = bookinfo();
    const across = layoutGraph(topology, sizes, 'across');
    const down = layoutGraph(topology, sizes, 'down');
    for (const edge of topology.edges) {
      expect(across.nodes.get(edge.from)!.x).toBeLessThan(across.nodes.get(edge.to)!.x);
      expect(down.nodes.get(edge.from)!.y).toBeLessThan(down.nodes.get(edge.to)!.y);
    }
  });

  it('draws a call cycle and a call to itself without looping', () => {
    const [a, b] = [workload('default', 'a'), workload('default', 'b')];
    const layout = layoutGraph({ nodes: [a, b], edges: [call(a, b), call(b, a), call(a, a)] }, sizes, 'across');
    expect(layout.nodes.size).toBe(2);
    expect(layout.edges).toHaveLength(2);
  });
});

describe('fitLayout', () => {
  it('a wide panel gets the graph across at its own size', () => {
    const { layout, scale } = fitLayout(bookinfo(), sizes, { width: 1200, height: 600 });
    expect(layout.orientation).toBe('across');
    expect(scale).toBe(1);
  });

  it('workloads nobody calls do not spread the callers apart: one call among four workloads stays across', () => {
    const [fortio, httpbin] = [workload('default', 'fortio', 'latest'), workload('default', 'httpbin')];
    const idle = ['istio-egressgateway', 'istio-ingressgateway', 'istiod'].map((app) =>
      workload('istio-system', app, ''),
    );
    const topology = { nodes: [fortio, httpbin, ...idle], edges: [call(fortio, httpbin, { errorShare: 1 })] };
    const { layout, scale } = fitLayout(topology, sizes, { width: 880, height: 300 });
    expect(layout.orientation).toBe('across');
    expect(scale).toBe(1);
  });

  it('a phone-wide panel gets it top to bottom, larger than across would be, and never wider than the panel', () => {
    const panel = { width: 350, height: 360 };
    const { layout, scale } = fitLayout(bookinfo(), sizes, panel);
    expect(layout.orientation).toBe('down');
    expect(layout.width * scale).toBeLessThanOrEqual(panel.width);
    expect(scale).toBeGreaterThan(panel.width / layoutGraph(bookinfo(), sizes, 'across').width);
  });

  it('any traffic fits the width: forty workloads behind one caller', () => {
    const caller = workload('default', 'frontend');
    const backends = Array.from({ length: 40 }, (_, i) => workload('default', `backend-${i}`));
    const topology = { nodes: [caller, ...backends], edges: backends.map((b) => call(caller, b, { errorShare: 0.5 })) };
    for (const width of [300, 900]) {
      const { layout, scale } = fitLayout(topology, sizes, { width, height: 300 });
      expect(layout.width * scale).toBeLessThanOrEqual(width);
    }
  });
});
