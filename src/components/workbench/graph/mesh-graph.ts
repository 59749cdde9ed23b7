import type { GraphNode, MeshTopology } from '../../../runtime/types';
import { format, type LabStrings } from '../strings';

const SVG = 'http://www.w3.org/2000/svg';
const W = 168;
const H = 48;
const GAP_X = 110;
const GAP_Y = 22;

/**
 * A Kiali-like graph: workloads by version in columns by call depth, edges labelled with request rate and
 * error share, a padlock for mTLS, a mark for a tripped circuit breaker and the hosts outlier detection
 * ejected; the same facts as a table for screen readers and keyboard users.
 */
export function renderGraph(host: HTMLElement, topology: MeshTopology, t: LabStrings): void {
  if (topology.nodes.length === 0) {
    host.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: t['lab.graph.empty'], className: 'graph-empty' }),
    );
    return;
  }
  const positions = layout(topology);
  const width = Math.max(...[...positions.values()].map((p) => p.x)) + W + 20;
  const height = Math.max(...[...positions.values()].map((p) => p.y)) + H + 20;
  const svg = node('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: String(width),
    height: String(height),
    'aria-hidden': 'true',
    class: 'graph-svg',
  });
  const defs = node('defs', {});
  const marker = node('marker', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: '10',
    refY: '5',
    markerWidth: '7',
    markerHeight: '7',
    orient: 'auto',
  });
  marker.append(node('path', { d: 'M0,0 L10,5 L0,10 z', class: 'graph-arrow' }));
  defs.append(marker);
  svg.append(defs);
  for (const edge of topology.edges) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (!from || !to) continue;
    const [x1, y1, x2, y2] = [from.x + W, from.y + H / 2, to.x, to.y + H / 2];
    const state =
      edge.errorShare > 0.2 || edge.breaker === 'tripped' || edge.ejected > 0
        ? 'bad'
        : edge.errorShare > 0
          ? 'warn'
          : 'ok';
    svg.append(node('line', { x1, y1, x2, y2, class: `graph-edge ${state}`, 'marker-end': 'url(#arrow)' }));
    const label = node('text', {
      x: (x1 + x2) / 2,
      y: (y1 + y2) / 2 - 6,
      class: 'graph-edge-label',
      'text-anchor': 'middle',
    });
    label.textContent = edgeText(edge, t, true);
    svg.append(label);
  }
  for (const graphNode of topology.nodes) {
    const p = positions.get(graphNode.id)!;
    const group = node('g', {
      transform: `translate(${p.x},${p.y})`,
      class: `graph-node${graphNode.sidecar ? ' sidecar' : ''}`,
    });
    group.append(node('rect', { width: W, height: H, rx: 8 }));
    const title = node('text', { x: 10, y: 19, class: 'graph-node-title' });
    title.textContent = `${graphNode.app}${graphNode.version ? ` ${graphNode.version}` : ''}`;
    const detail = node('text', { x: 10, y: 37, class: 'graph-node-detail' });
    detail.textContent = `${graphNode.namespace} · ${format(t['lab.graph.pods'], { ready: graphNode.ready, total: graphNode.total })}`;
    group.append(title, detail);
    svg.append(group);
  }
  host.replaceChildren(svg, table(topology, t));
}

function edgeText(edge: MeshTopology['edges'][number], t: LabStrings, marks: boolean): string {
  const parts = [format(t['lab.graph.rate'], { rate: edge.rate.toFixed(1) })];
  if (edge.errorShare > 0) parts.push(format(t['lab.graph.errors'], { share: Math.round(edge.errorShare * 100) }));
  if (edge.mtls) parts.push(marks ? '🔒' : t['lab.graph.mtls']);
  if (edge.breaker === 'tripped') parts.push(marks ? '⚡' : t['lab.graph.breaker']);
  if (edge.ejected > 0)
    parts.push(marks ? `⊘${edge.ejected}` : format(t['lab.graph.ejected'], { count: edge.ejected }));
  return parts.join(' · ');
}

function table(topology: MeshTopology, t: LabStrings): HTMLElement {
  const wrapper = document.createElement('table');
  wrapper.className = 'graph-table';
  const caption = document.createElement('caption');
  caption.textContent = t['lab.graph.table'];
  const head = document.createElement('tr');
  for (const text of [t['lab.graph.from'], t['lab.graph.to'], ''])
    head.append(Object.assign(document.createElement('th'), { textContent: text, scope: 'col' }));
  wrapper.append(caption, head);
  const name = (id: string) => id.split('/').slice(1).join(' ');
  for (const edge of topology.edges) {
    const row = document.createElement('tr');
    for (const text of [name(edge.from), name(edge.to), edgeText(edge, t, false)])
      row.append(Object.assign(document.createElement('td'), { textContent: text }));
    wrapper.append(row);
  }
  return wrapper;
}

/** Columns by call depth (callers left of callees), rows by app then version. */
function layout(topology: MeshTopology): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>(topology.nodes.map((n) => [n.id, 0]));
  for (let round = 0; round < topology.nodes.length; round++) {
    let changed = false;
    for (const edge of topology.edges) {
      const next = (depth.get(edge.from) ?? 0) + 1;
      if (edge.from !== edge.to && next > (depth.get(edge.to) ?? 0) && next < topology.nodes.length) {
        depth.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const columns = new Map<number, GraphNode[]>();
  for (const graphNode of topology.nodes) {
    const column = depth.get(graphNode.id) ?? 0;
    columns.set(column, [...(columns.get(column) ?? []), graphNode]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [column, members] of columns) {
    members.sort((a, b) => a.app.localeCompare(b.app) || a.version.localeCompare(b.version));
    members.forEach((member, row) =>
      positions.set(member.id, { x: 10 + column * (W + GAP_X), y: 10 + row * (H + GAP_Y) }),
    );
  }
  return positions;
}

function node(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}
