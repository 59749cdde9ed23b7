/**
 * The workbench's browser tab: a web browser on the learner's laptop, pointed at the simulated cluster. The
 * runtime loads each page from the laptop (LabRuntime.visit: redirects followed, cookies kept); this module keeps
 * the address bar, history and cookie jar, and shows the page without running anything from it (render-page.ts).
 * Links and forms inside the page navigate the tab; Bootstrap's modal toggles work as bootstrap.js would make
 * them, so "Sign in" on Bookinfo's productpage opens its form.
 */
import type { LabRuntime, Locale, Navigation, Visit } from '../../../runtime/types';
import { format, type LabStrings } from '../strings';
import { PageHistory } from './page-history';
import { PAGE_CSS } from './page-style';
import { renderPage, renderText, type RenderedPage } from './render-page';

export interface BrowserTab {
  /** Loads `url` as if typed in the address bar (`xdg-open URL` in the terminal). */
  open(url: string): void;
}

type Request = Pick<Navigation, 'method' | 'url' | 'form' | 'referer'>;

/** A shell variable typed into the address bar: only the terminal can expand it. */
const SHELL_VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/;

export function mountBrowser(
  root: HTMLElement,
  options: { runtime: LabRuntime; strings: LabStrings; locale: Locale; labId: string },
): BrowserTab {
  const { runtime, strings: t, locale } = options;
  const q = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const address = q<HTMLInputElement>('[data-browser-address] input');
  const back = q<HTMLButtonElement>('[data-browser-back]');
  const forward = q<HTMLButtonElement>('[data-browser-forward]');
  const reload = q<HTMLButtonElement>('[data-browser-reload]');
  const status = q<HTMLElement>('[data-browser-status]');
  const view = q<HTMLElement>('[data-browser-page]');
  const shadow = view.shadowRoot ?? view.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PAGE_CSS);
  shadow.adoptedStyleSheets = [sheet];

  const history = new PageHistory();
  const jarKey = `meshdojo.browser.cookies.${options.labId}`;
  const cookies = {
    read: () => sessionStorage.getItem(jarKey) ?? '',
    write: (jar: string) => sessionStorage.setItem(jarKey, jar),
  };
  /** Only the latest navigation's answer is shown (an older one may arrive after it). */
  let latest = 0;

  const show = (page: RenderedPage) => {
    const wrapper = document.createElement('div');
    wrapper.className = 'page';
    wrapper.append(page.content);
    shadow.replaceChildren(wrapper);
    view.setAttribute('aria-label', page.title === '' ? t['lab.browser.page'] : page.title);
  };
  const showMessage = (heading: string, detail: string, code?: string) => {
    const page = document.createElement('div');
    page.className = 'error-page';
    const h1 = document.createElement('h1');
    h1.textContent = heading;
    const p = document.createElement('p');
    p.textContent = detail;
    page.append(h1, p);
    if (code !== undefined) {
      const small = document.createElement('code');
      small.textContent = code;
      page.append(small);
    }
    show({ title: heading, content: fragmentOf(page) });
  };
  const updateButtons = () => {
    back.disabled = !history.canGoBack;
    forward.disabled = !history.canGoForward;
    reload.disabled = history.current === undefined;
  };

  const navigate = async (request: Request, entry: 'push' | 'current'): Promise<void> => {
    // Whatever this navigation shows, a page still loading from an earlier one must not replace it.
    const id = ++latest;
    root.removeAttribute('aria-busy');
    const visit = runtime.visit?.bind(runtime);
    if (visit === undefined) {
      status.textContent = '';
      showMessage(t['lab.browser.unavailable.title'], t['lab.browser.unavailable']);
      return;
    }
    const variable = SHELL_VARIABLE.exec(request.url);
    if (variable !== null) {
      status.textContent = '';
      showMessage(
        t['lab.browser.variable.title'],
        format(t['lab.browser.variable'], { name: `$${variable[1]}`, text: request.url }),
      );
      return;
    }
    address.value = request.url;
    status.textContent = format(t['lab.browser.loading'], { url: request.url });
    root.setAttribute('aria-busy', 'true');
    let result: Visit;
    try {
      result = await visit({ ...request, cookies: cookies.read(), language: locale });
    } catch (error) {
      if (id !== latest) return;
      root.removeAttribute('aria-busy');
      status.textContent = '';
      showMessage(
        t['lab.browser.failed.title'],
        format(t['lab.browser.failed'], { error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (id !== latest) return;
    root.removeAttribute('aria-busy');
    cookies.write(result.cookies);
    if (entry === 'push') history.push(result.url);
    updateButtons();
    // As in a browser, a page that arrives does not take back the address bar from someone typing in it.
    if (address.value === request.url) address.value = result.url;
    if (!result.ok) {
      status.textContent = '';
      showMessage(t['lab.browser.error.title'], errorDetail(result, t), result.error);
      return;
    }
    const type = result.headers['content-type'] ?? '';
    status.textContent = format(t['lab.browser.status'], {
      status: String(result.status),
      ms: String(Math.round(result.elapsedMs)),
    });
    show(/html/i.test(type) ? renderPage(result.body, result.url) : renderText(result.body));
    if (result.truncated) status.textContent += ` ${t['lab.browser.truncated']}`;
  };

  const typed = (text: string): string => {
    const trimmed = text.trim();
    return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  };
  q<HTMLFormElement>('[data-browser-address]').addEventListener('submit', (event) => {
    event.preventDefault();
    if (address.value.trim() !== '') void navigate({ method: 'GET', url: typed(address.value) }, 'push');
  });
  back.addEventListener('click', () => {
    const url = history.back();
    if (url !== undefined) void navigate({ method: 'GET', url }, 'current');
  });
  forward.addEventListener('click', () => {
    const url = history.forward();
    if (url !== undefined) void navigate({ method: 'GET', url }, 'current');
  });
  reload.addEventListener('click', () => {
    if (history.current !== undefined) void navigate({ method: 'GET', url: history.current }, 'current');
  });

  // What the page's links, forms and Bootstrap toggles do.
  shadow.addEventListener('click', (event) => {
    const target = event.target as Element;
    const toggle = target.closest<HTMLElement>('[data-toggle="modal"]');
    if (toggle !== null) {
      event.preventDefault();
      const selector = toggle.getAttribute('data-target') ?? '';
      const modal = /^#[\w-]+$/.test(selector) ? shadow.querySelector(selector) : null;
      modal?.classList.toggle('in');
      modal?.querySelector<HTMLElement>('input, button')?.focus();
      return;
    }
    const link = target.closest<HTMLAnchorElement>('a[href]');
    if (link === null) return;
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    const here = history.current;
    // A link to a place in the same page (`#top`) scrolls, it does not load.
    if (here !== undefined && withoutHash(href) === withoutHash(here)) return;
    void navigate({ method: 'GET', url: href, ...(here !== undefined && { referer: here }) }, 'push');
  });
  // A middle click would open the address in a real tab of the learner's browser, where it means nothing.
  shadow.addEventListener('auxclick', (event) => event.preventDefault());
  shadow.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key !== 'Escape') return;
    for (const modal of shadow.querySelectorAll('.modal.in')) modal.classList.remove('in');
  });
  shadow.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const submitter = (event as SubmitEvent).submitter;
    const fields = new URLSearchParams(
      [...new FormData(form, submitter)].map(([name, value]) => [name, typeof value === 'string' ? value : value.name]),
    ).toString();
    const action = form.getAttribute('action') ?? history.current ?? '';
    const referer = history.current;
    const post = form.method.toLowerCase() === 'post';
    const url = post ? action : `${withoutHash(action).split('?')[0]}?${fields}`;
    void navigate(
      { method: post ? 'POST' : 'GET', url, ...(post && { form: fields }), ...(referer !== undefined && { referer }) },
      'push',
    );
  });

  showMessage(t['lab.browser.empty.title'], t['lab.browser.empty']);
  updateButtons();
  return { open: (url) => void navigate({ method: 'GET', url: typed(url) }, 'push') };
}

function fragmentOf(node: Node): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(node);
  return fragment;
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

function errorDetail(visit: Extract<Visit, { ok: false }>, t: LabStrings): string {
  const host = visit.host === '' ? visit.url : visit.host;
  const key = `lab.browser.error.${visit.error}` as const;
  return format(t[key], { host });
}
