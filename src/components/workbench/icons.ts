const SVG = 'http://www.w3.org/2000/svg';

type Shape = [tag: 'path' | 'rect' | 'circle', attributes: Record<string, string | number>];

/**
 * The workbench's marks as outline drawings on a 16×16 grid in `currentColor`. Emoji and symbol glyphs
 * depend on the fonts a machine has (without an emoji font 🔒 is a box), and their colour and size ignore
 * the theme; these draw the same everywhere.
 */
const ICONS = {
  lock: [
    ['rect', { x: 3, y: 7, width: 10, height: 7, rx: 1.5 }],
    ['path', { d: 'M5.5 7V5a2.5 2.5 0 0 1 5 0v2' }],
  ],
  bolt: [['path', { d: 'M9.5 1.5 3.5 9H8l-1.5 5.5L12.5 7H8z', fill: 'currentColor' }]],
  ejected: [
    ['circle', { cx: 8, cy: 8, r: 5.5 }],
    ['path', { d: 'M4.1 11.9 11.9 4.1' }],
  ],
  pass: [['path', { d: 'M3 8.5l3.2 3.2L13 4.5' }]],
  fail: [['path', { d: 'M4 4l8 8M12 4l-8 8' }]],
  error: [
    ['path', { d: 'M8 1.8 14.6 13.6H1.4z' }],
    ['path', { d: 'M8 6.2v3.4' }],
    ['circle', { cx: 8, cy: 11.6, r: 0.5, fill: 'currentColor' }],
  ],
} satisfies Record<string, Shape[]>;

export type IconName = keyof typeof ICONS;

/**
 * An icon as an `<svg>` element, for HTML or inside another SVG. It is decoration (`aria-hidden`): the
 * text beside it, or the graph's table, says the same in words. `title` adds a tooltip for the mouse.
 */
export function icon(name: IconName, size: number, title?: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  set(svg, {
    viewBox: '0 0 16 16',
    width: size,
    height: size,
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': 1.6,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'aria-hidden': 'true',
    focusable: 'false',
    class: `icon icon-${name}`,
  });
  if (title !== undefined) svg.append(Object.assign(document.createElementNS(SVG, 'title'), { textContent: title }));
  for (const [tag, attributes] of ICONS[name] as Shape[])
    svg.append(set(document.createElementNS(SVG, tag), attributes));
  return svg;
}

function set<E extends Element>(element: E, attributes: Record<string, string | number>): E {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}
