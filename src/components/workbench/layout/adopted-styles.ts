/**
 * Monaco and xterm style themselves by adding `<style>` elements and writing CSS into them. The page policy
 * (style-src-elem 'self' plus hashes, scripts/site/csp.mjs) rightly refuses such inline styles, so this
 * module, imported before either library, hands them style elements that never enter the DOM: their CSS
 * goes to a constructable stylesheet adopted by the document (CSSOM, which the policy allows). Only the
 * properties those libraries use are covered: `sheet`, `textContent`, `remove()` and being appended.
 */
const sheets = new WeakMap<HTMLStyleElement, CSSStyleSheet>();
const shimmed = new WeakSet<HTMLStyleElement>();

function adopt(style: HTMLStyleElement): CSSStyleSheet {
  let sheet = sheets.get(style);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheets.set(style, sheet);
  }
  if (!document.adoptedStyleSheets.includes(sheet))
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return sheet;
}

function detach(style: HTMLStyleElement): void {
  const sheet = sheets.get(style);
  if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
}

function shim(style: HTMLStyleElement): HTMLStyleElement {
  let text = '';
  shimmed.add(style);
  Object.defineProperties(style, {
    sheet: { get: () => adopt(style), configurable: true },
    textContent: {
      get: () => text,
      set(value: string | null) {
        // Monaco rewrites its theme's 55 KB of CSS, unchanged, each time an editor or model joins; each rewrite
        // parses it again and restyles the whole page, so the same text is not written twice.
        const sheet = adopt(style);
        if ((value ?? '') === text && sheet.cssRules.length > 0) return;
        text = value ?? '';
        sheet.replaceSync(text);
      },
      configurable: true,
    },
    remove: { value: () => detach(style), configurable: true },
  });
  return style;
}

let installed = false;

export function installAdoptedStyles(): void {
  if (installed) return;
  installed = true;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tag: string, options?: ElementCreationOptions) {
    const element = createElement.call(this, tag, options);
    return element instanceof HTMLStyleElement ? shim(element) : element;
  } as typeof Document.prototype.createElement;
  // Appending a shimmed element adopts its sheet instead of inserting it.
  for (const method of ['appendChild', 'insertBefore'] as const) {
    const original = Node.prototype[method] as (this: Node, ...args: Node[]) => Node;
    (Node.prototype as unknown as Record<string, unknown>)[method] = function (
      this: Node,
      node: Node,
      ...rest: Node[]
    ) {
      if (node instanceof HTMLStyleElement && shimmed.has(node)) return (adopt(node), node);
      return original.call(this, node, ...rest);
    };
  }
}

installAdoptedStyles();
