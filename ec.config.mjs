// Expressive Code reads each block's language (for its copy button and "Terminal window") from the file it is
// in. Starlight's reading expects src/content/docs/<locale>/; our lessons are content/<locale>/… and a lab's
// steps are <step>.<locale>.md, so without this every block spoke the default locale, Korean.
import { defineEcConfig } from 'astro-expressive-code';

const LOCALE_IN_PATH = /\/content\/(ko|en)\/|\.(ko|en)\.mdx?$/;

/** The first `pre` element of a rendered block's HAST tree. */
function preOf(node) {
  if (node.type === 'element' && node.tagName === 'pre') return node;
  for (const child of node.children ?? []) {
    const found = preOf(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Every block's `pre` is focusable from the start. Expressive Code's script makes a block that scrolls (a wide
 * `kubectl` table) focusable only after the page has settled, and as `role="region"` with no name: until then the
 * block cannot be scrolled by keyboard, and two such blocks are two landmarks of one name. With tabindex set here,
 * the script leaves a scrolling block as it is and takes tabindex off one that does not scroll.
 */
const focusableBlocks = () => ({
  name: 'meshdojo:focusable-blocks',
  hooks: {
    postprocessRenderedBlock: ({ renderData }) => {
      const pre = preOf(renderData.blockAst);
      if (pre !== undefined) pre.properties = { ...pre.properties, tabIndex: 0 };
    },
  },
});

export default defineEcConfig({
  plugins: [focusableBlocks()],
  // Commands wrap rather than scroll: a long `kubectl exec … -- fortio load …` stays readable on a phone, and
  // two scrolling terminal frames on one page would be two regions of one name (axe: landmark-unique).
  defaultProps: { overridesByLang: { 'sh,bash,shell,console': { wrap: true } } },
  getBlockLocale: ({ file }) => {
    const match = LOCALE_IN_PATH.exec(file.path);
    return match?.[1] ?? match?.[2] ?? 'ko';
  },
});
