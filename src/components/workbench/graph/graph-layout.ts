import type { GraphEdge, GraphNode, MeshTopology } from '../../../runtime/types';

export interface Size {
  width: number;
  height: number;
}
export interface Box extends Size {
  x: number;
  y: number;
}

/** How big each node's box and each edge's label are (the page measures its own text; tests give numbers). */
export interface GraphSizes {
  node(node: GraphNode): Size;
  label(edge: GraphEdge): Size;
}

/** `across`: callers left of callees, for wide panels; `down`: callers above callees, for narrow ones. */
export type Orientation = 'across' | 'down';

export interface PlacedEdge {
  edge: GraphEdge;
  /** From the caller's box edge to the callee's box edge. */
  line: { x1: number; y1: number; x2: number; y2: number };
  label: Box;
}

export interface GraphLayout extends Size {
  orientation: Orientation;
  nodes: Map<string, Box>;
  edges: PlacedEdge[];
}

const MARGIN = 8;
const MIN_LAYER_GAP = { across: 48, down: 36 };
const MIN_CROSS_GAP = { across: 20, down: 14 };
const LABEL_PAD = 12;
/** Where along an edge its label may sit, in order of preference: the middle, then stepping out to either end. */
const LABEL_SPOTS = Array.from({ length: 21 }, (_, i) => 0.5 + (i % 2 === 0 ? 1 : -1) * Math.ceil(i / 2) * 0.04);

/**
 * Lays the mesh out in layers by call depth (callers before callees; within a layer by app, then version),
 * every layer centred on the others, with room between layers for the widest label that starts there.
 * Each label takes the first spot along its edge that covers no node and no other label, so rates and
 * marks stay legible however many edges share a gap. The layout's size includes every node and label.
 */
export function layoutGraph(topology: MeshTopology, sizes: GraphSizes, orientation: Orientation): GraphLayout {
  const across = orientation === 'across';
  // Main axis: the direction calls flow; cross axis: along a layer.
  const main = (s: Size) => (across ? s.width : s.height);
  const cross = (s: Size) => (across ? s.height : s.width);
  const edges = topology.edges.filter((e) => e.from !== e.to);
  const layers = layersByDepth(topology.nodes, edges);
  const nodeSize = new Map(topology.nodes.map((n) => [n.id, sizes.node(n)]));
  const labelSize = new Map(edges.map((e) => [e, sizes.label(e)]));

  const thickness = layers.map((members) => Math.max(...members.map((n) => main(nodeSize.get(n.id)!))));
  const { crossGap, gapAfter } = spacing(
    layers,
    edges,
    (id) => cross(nodeSize.get(id)!),
    (e) => labelSize.get(e)!,
    orientation,
  );
  const extent = layers.map(
    (members, index) =>
      members.reduce((sum, n) => sum + cross(nodeSize.get(n.id)!), 0) + (members.length - 1) * crossGap[index]!,
  );
  const widest = Math.max(...extent);

  const nodes = new Map<string, Box>();
  let mainAt = 0;
  layers.forEach((members, index) => {
    let crossAt = (widest - extent[index]!) / 2;
    for (const member of members) {
      const size = nodeSize.get(member.id)!;
      // A layer's boxes share its thickness, so they line up on both sides.
      const [m, c] = [thickness[index]!, cross(size)];
      nodes.set(
        member.id,
        across ? { x: mainAt, y: crossAt, width: m, height: c } : { x: crossAt, y: mainAt, width: c, height: m },
      );
      crossAt += c + crossGap[index]!;
    }
    mainAt += thickness[index]! + gapAfter[index]!;
  });

  const taken: Box[] = [...nodes.values()].map((box) => grow(box, 3));
  const placed: PlacedEdge[] = edges.map((edge) => {
    const [from, to] = [nodes.get(edge.from)!, nodes.get(edge.to)!];
    const line = between(from, to);
    const label = placeLabel(line, labelSize.get(edge)!, taken);
    taken.push(grow(label, 2));
    return { edge, line, label };
  });
  return shiftToOrigin(orientation, nodes, placed);
}

/** Below this the text is too small to read: a drawing taller than its panel scrolls rather than shrink more. */
const READABLE_SCALE = 0.8;
const PREFER_ACROSS = 1.15;

/**
 * Both orientations in the panel: the one drawn larger wins (`across` unless `down` is clearly larger). The
 * scale never exceeds 1 (text at its own size) and always fits the width, so the drawing never overflows
 * sideways; it fits the height too unless that would make the text unreadable (then the panel scrolls down).
 */
export function fitLayout(
  topology: MeshTopology,
  sizes: GraphSizes,
  panel: Size,
): { layout: GraphLayout; scale: number } {
  const fit = (layout: GraphLayout) => ({
    layout,
    scale: Math.min(1, panel.width / layout.width, Math.max(panel.height / layout.height, READABLE_SCALE)),
  });
  const across = fit(layoutGraph(topology, sizes, 'across'));
  const down = fit(layoutGraph(topology, sizes, 'down'));
  // Across reads like Kiali's graph: down only when it draws clearly larger (a phone's portrait panel).
  return down.scale > across.scale * PREFER_ACROSS ? down : across;
}

/**
 * Room between layers and between the boxes of a layer, made for the labels. Across, the edges of a fan-out
 * (or fan-in) are half a box apart at their middles, so boxes that share a caller or a callee are spaced
 * for a label each. Down, labels are wider than that: the gap below a layer deepens by a label's height for
 * each edge leaving it (up to four), so the labels can step towards either end of their edges.
 */
function spacing(
  layers: GraphNode[][],
  edges: GraphEdge[],
  nodeCross: (id: string) => number,
  label: (edge: GraphEdge) => Size,
  orientation: Orientation,
): { crossGap: number[]; gapAfter: number[] } {
  const across = orientation === 'across';
  const ends = (id: string, side: 'from' | 'to') =>
    new Set(edges.filter((e) => e[side] === id).map((e) => e[side === 'from' ? 'to' : 'from']));
  const shareAnEnd = (a: string, b: string) =>
    (['from', 'to'] as const).some((side) => [...ends(a, side)].some((other) => ends(b, side).has(other)));
  const crossGap = layers.map((members) => {
    const ids = members.map((n) => n.id);
    const crowded = ids.some((a, i) => ids.slice(i + 1).some((b) => shareAnEnd(a, b)));
    if (!across || !crowded) return MIN_CROSS_GAP[orientation];
    const tallest = Math.max(
      0,
      ...edges.filter((e) => ids.includes(e.from) || ids.includes(e.to)).map((e) => label(e).height),
    );
    return Math.max(MIN_CROSS_GAP.across, 2 * tallest + 2 * LABEL_PAD - Math.min(...ids.map(nodeCross)));
  });
  const gapAfter = layers.map((members) => {
    const leaving = edges.filter((e) => members.some((n) => n.id === e.from));
    const room = Math.max(0, ...leaving.map((e) => (across ? label(e).width : label(e).height)));
    const steps = across ? 1 : Math.min(4, Math.max(1, leaving.length));
    return Math.max(MIN_LAYER_GAP[orientation], steps * (room + LABEL_PAD) + 2 * LABEL_PAD);
  });
  return { crossGap, gapAfter };
}

/** Depth by longest call chain from a root (bounded, so a call cycle cannot loop). */
function layersByDepth(nodes: GraphNode[], edges: GraphEdge[]): GraphNode[][] {
  const depth = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const edge of edges) {
      const next = (depth.get(edge.from) ?? 0) + 1;
      if (next > (depth.get(edge.to) ?? 0) && next < nodes.length) {
        depth.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const layers: GraphNode[][] = [];
  for (const node of nodes) (layers[depth.get(node.id) ?? 0] ??= []).push(node);
  return layers
    .filter((members) => members !== undefined)
    .map((members) => members.sort((a, b) => a.app.localeCompare(b.app) || a.version.localeCompare(b.version)));
}

/** The segment between two boxes' centres, cut at their borders. */
function between(from: Box, to: Box): PlacedEdge['line'] {
  const [a, b] = [centre(from), centre(to)];
  const [x1, y1] = border(from, b.x - a.x, b.y - a.y);
  const [x2, y2] = border(to, a.x - b.x, a.y - b.y);
  return { x1, y1, x2, y2 };
}

function border(box: Box, dx: number, dy: number): [number, number] {
  const c = centre(box);
  const t = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  );
  return Number.isFinite(t) ? [c.x + t * dx, c.y + t * dy] : [c.x, c.y];
}

function placeLabel(line: PlacedEdge['line'], size: Size, taken: Box[]): Box {
  const at = (t: number): Box => ({
    x: line.x1 + t * (line.x2 - line.x1) - size.width / 2,
    y: line.y1 + t * (line.y2 - line.y1) - size.height / 2,
    ...size,
  });
  const candidates = LABEL_SPOTS.map(at);
  const free = candidates.find((box) => taken.every((other) => overlap(box, other) === 0));
  if (free) return free;
  // Nowhere free: the spot that hides the least.
  const hidden = (box: Box) => taken.reduce((sum, other) => sum + overlap(box, other), 0);
  return candidates.reduce((best, box) => (hidden(box) < hidden(best) ? box : best));
}

function shiftToOrigin(orientation: Orientation, nodes: Map<string, Box>, edges: PlacedEdge[]): GraphLayout {
  const boxes = [...nodes.values(), ...edges.map((e) => e.label)];
  const left = Math.min(...boxes.map((b) => b.x)) - MARGIN;
  const top = Math.min(...boxes.map((b) => b.y)) - MARGIN;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN;
  const move = (b: Box): Box => ({ ...b, x: b.x - left, y: b.y - top });
  return {
    orientation,
    width: right - left,
    height: bottom - top,
    nodes: new Map([...nodes].map(([id, box]) => [id, move(box)])),
    edges: edges.map(({ edge, line, label }) => ({
      edge,
      line: { x1: line.x1 - left, y1: line.y1 - top, x2: line.x2 - left, y2: line.y2 - top },
      label: move(label),
    })),
  };
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const grow = (b: Box, by: number): Box => ({
  x: b.x - by,
  y: b.y - by,
  width: b.width + 2 * by,
  height: b.height + 2 * by,
});
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
