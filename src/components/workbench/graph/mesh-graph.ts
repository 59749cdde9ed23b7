import type { GraphEdge, GraphNode, MeshTopology } from '../../../runtime/types';
import { icon, type IconName } from '../icons';
import { format, type LabStrings } from '../strings';
import { edgeLabel, edgeText, markMeaning, type LabelPart } from './edge-marks';
import { fitLayout, type Box, type GraphLayout, type GraphSizes } from './graph-layout';

const SVG = 'http://www.w3.org/2000/svg';
/** Font sizes (px at scale 1) and spacing inside nodes and labels; graph.css sets the same sizes. */
const NODE = { title: 12, detail: 10, pad: 10, height: 52, minWidth: 84 };
const LABEL = { size: 11, line: 14, pad: 4, gap: 4, icon: 12 };

interface View {
  topology: MeshTopology;
  t: LabStrings;
  width: number;
}
const views = new WeakMap<HTMLElement, View>();

/**
 * A Kiali-like graph: workloads by version in layers by call depth, edges labelled with request rate and
 * error share, marks for mTLS, a tripped circuit breaker and the hosts outlier detection ejected (with a
 * legend), and the same facts as a table for screen readers and keyboard users. The drawing is laid out
 * for the panel it is in and drawn again when the panel's width changes, so it never overflows the page.
 */
export function renderGraph(host: HTMLElement, topology: MeshTopology, t: LabStrings): void {
  let view = views.get(host);
  if (!view) {
    const created: View = { topology, t, width: -1 };
    views.set(host, created);
    new ResizeObserver(() => host.clientWidth !== created.width && draw(host, created)).observe(host);
    // Sizes come from the page's font: measured again once a font (or a glyph range of it) has loaded.
    document.fonts.addEventListener('loadingdone', () => draw(host, created));
    view = created;
  }
  Object.assign(view, { topology, t });
  draw(host, view);
}

function draw(host: HTMLElement, view: View): void {
  const { topology, t } = view;
  view.width = host.clientWidth;
  // A hidden panel has no size to fit: the observer draws it when it shows.
  if (view.width === 0) return;
  if (topology.nodes.length === 0) {
    host.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: t['lab.graph.empty'], className: 'graph-empty' }),
    );
    return;
  }
  const measure = textMeasure(host);
  const nodeLines = (n: GraphNode) => [
    `${n.app}${n.version ? ` ${n.version}` : ''}`,
    n.namespace,
    format(t['lab.graph.pods'], { ready: n.ready, total: n.total }),
  ];
  const labels = new Map(topology.edges.map((edge) => [edge, edgeLabel(edge, t)]));
  const sizes: GraphSizes = {
    node(n) {
      const [title, ...details] = nodeLines(n);
      const text = Math.max(measure(title!, NODE.title, 600), ...details.map((line) => measure(line, NODE.detail)));
      return { width: Math.max(NODE.minWidth, Math.ceil(text) + 2 * NODE.pad), height: NODE.height };
    },
    label(edge) {
      const lines = labels.get(edge)!;
      const widths = lines.map((line) => lineWidth(line, measure));
      return { width: Math.ceil(Math.max(...widths)) + 2 * LABEL.pad, height: lines.length * LABEL.line + LABEL.pad };
    },
  };
  const { layout, scale } = fitLayout(topology, sizes, { width: view.width, height: host.clientHeight });
  const svg = node('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: Math.floor(layout.width * scale),
    height: Math.floor(layout.height * scale),
    'aria-hidden': 'true',
    class: 'graph-svg',
    'data-orientation': layout.orientation,
  });
  svg.append(arrowMarker());
  for (const placed of layout.edges) svg.append(edgeLine(placed));
  for (const graphNode of topology.nodes)
    svg.append(nodeGroup(layout.nodes.get(graphNode.id)!, nodeLines(graphNode), graphNode));
  for (const placed of layout.edges) svg.append(labelGroup(placed.label, labels.get(placed.edge)!, measure));
  host.replaceChildren(svg, ...legend(layout, labels, t), table(topology, t));
}

function arrowMarker(): SVGElement {
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
  return defs;
}

function edgeLine({ edge, line }: GraphLayout['edges'][number]): SVGElement {
  const state =
    edge.errorShare > 0.2 || edge.breaker === 'tripped' || edge.ejected > 0
      ? 'bad'
      : edge.errorShare > 0
        ? 'warn'
        : 'ok';
  return node('line', { ...line, class: `graph-edge ${state}`, 'marker-end': 'url(#arrow)' });
}

function nodeGroup(box: Box, [title, ...details]: string[], graphNode: GraphNode): SVGElement {
  const group = node('g', {
    transform: `translate(${box.x},${box.y})`,
    class: `graph-node${graphNode.sidecar ? ' sidecar' : ''}`,
  });
  group.append(node('rect', { width: box.width, height: box.height, rx: 8 }));
  group.append(text(NODE.pad, 17, title!, 'graph-node-title'));
  details.forEach((line, index) => group.append(text(NODE.pad, 31 + index * 13, line, 'graph-node-detail')));
  return group;
}

function labelGroup(box: Box, lines: LabelPart[][], measure: Measure): SVGElement {
  const group = node('g', { transform: `translate(${box.x},${box.y})`, class: 'graph-edge-label' });
  group.append(node('rect', { width: box.width, height: box.height, rx: 3, class: 'graph-label-back' }));
  lines.forEach((line, row) => {
    const top = LABEL.pad / 2 + row * LABEL.line;
    let x = (box.width - lineWidth(line, measure)) / 2;
    for (const part of line) {
      if ('icon' in part) {
        const mark = icon(part.icon, LABEL.icon, part.text);
        mark.setAttribute('x', String(x));
        mark.setAttribute('y', String(top + (LABEL.line - LABEL.icon) / 2));
        group.append(mark);
        x += LABEL.icon + LABEL.gap;
      } else {
        group.append(text(x, top + LABEL.size, part.text, ''));
        x += measure(part.text, LABEL.size) + LABEL.gap;
      }
    }
  });
  return group;
}

/** The marks this drawing uses, each with its meaning in words. */
function legend(layout: GraphLayout, labels: Map<GraphEdge, LabelPart[][]>, t: LabStrings): HTMLElement[] {
  const used = new Set<IconName>();
  for (const { edge } of layout.edges)
    for (const part of labels.get(edge)!.flat()) if ('icon' in part) used.add(part.icon);
  if (used.size === 0) return [];
  const list = Object.assign(document.createElement('ul'), { className: 'graph-legend' });
  list.setAttribute('aria-label', t['lab.graph.legend']);
  for (const mark of used) {
    const item = document.createElement('li');
    item.append(icon(mark, 14), ` ${markMeaning(mark, t)}`);
    list.append(item);
  }
  return [list];
}

function table(topology: MeshTopology, t: LabStrings): HTMLElement {
  const wrapper = document.createElement('table');
  wrapper.className = 'graph-table';
  const caption = document.createElement('caption');
  caption.textContent = t['lab.graph.table'];
  const head = document.createElement('tr');
  for (const heading of [t['lab.graph.from'], t['lab.graph.to'], t['lab.graph.traffic']])
    head.append(Object.assign(document.createElement('th'), { textContent: heading, scope: 'col' }));
  wrapper.append(caption, head);
  const name = (id: string) => id.split('/').slice(1).join(' ');
  for (const edge of topology.edges) {
    const row = document.createElement('tr');
    for (const cell of [name(edge.from), name(edge.to), edgeText(edge, t)])
      row.append(Object.assign(document.createElement('td'), { textContent: cell }));
    wrapper.append(row);
  }
  return wrapper;
}

type Measure = (text: string, size: number, weight?: number) => number;

/** Text widths in the page's own font (a canvas measures without laying anything out). */
function textMeasure(host: HTMLElement): Measure {
  const context = document.createElement('canvas').getContext('2d')!;
  const family = getComputedStyle(host).fontFamily;
  return (value, size, weight = 400) => {
    context.font = `${weight} ${size}px ${family}`;
    return context.measureText(value).width;
  };
}

function lineWidth(line: LabelPart[], measure: Measure): number {
  const widths = line.map((part) => ('icon' in part ? LABEL.icon : measure(part.text, LABEL.size)));
  return widths.reduce((sum, width) => sum + width, 0) + (line.length - 1) * LABEL.gap;
}

function text(x: number, y: number, value: string, className: string): SVGElement {
  const element = node('text', { x, y, ...(className && { class: className }) });
  element.textContent = value;
  return element;
}

function node(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}
