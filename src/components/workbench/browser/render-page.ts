/**
 * Turns a page the simulated cluster served into DOM the browser tab can show without running anything from it:
 * DOMPurify keeps markup and drops scripts, event-handler attributes, frames, styles sheets and everything that
 * would fetch from the real network (images, links to style sheets). Addresses are made absolute against the
 * page's own URL, so a link shows (and the tab follows) where it really goes inside the cluster.
 */
import DOMPurify from 'dompurify';

export interface RenderedPage {
  readonly title: string;
  readonly content: DocumentFragment;
}

const FETCHING = ['img', 'picture', 'source', 'video', 'audio', 'track', 'link', 'iframe', 'frame', 'object', 'embed'];

const purify = DOMPurify(window);
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  // `srcset`, `ping`, `poster`, `background`: every remaining way an element fetches by itself.
  if (['srcset', 'ping', 'poster', 'background', 'formaction'].includes(data.attrName)) data.keepAttr = false;
});

export function renderPage(html: string, pageUrl: string): RenderedPage {
  const content = purify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'meta', 'base', 'title', ...FETCHING],
    FORBID_ATTR: ['style', 'src'],
  });
  for (const link of content.querySelectorAll<HTMLAnchorElement>('a[href]'))
    link.setAttribute('href', absolute(link.getAttribute('href') ?? '', pageUrl));
  for (const form of content.querySelectorAll<HTMLFormElement>('form'))
    form.setAttribute('action', absolute(form.getAttribute('action') ?? '', pageUrl));
  // DOMParser builds an inert document: nothing in it runs or loads.
  const title = new DOMParser().parseFromString(html, 'text/html').title.trim();
  return { title, content };
}

/** A response that is not HTML, shown as its text (as a browser shows JSON or a plain-text error). */
export function renderText(text: string): RenderedPage {
  const content = document.createDocumentFragment();
  const pre = document.createElement('pre');
  pre.className = 'plain-text';
  pre.textContent = text;
  content.append(pre);
  return { title: '', content };
}

function absolute(address: string, base: string): string {
  try {
    return new URL(address, base).href;
  } catch {
    return base;
  }
}
