/** Where the runtime select keeps the learner's choice. */
export const RUNTIME_SETTING_KEY = 'meshdojo.runtime';

/** What a lab page knows about itself when it chooses a runtime; the runtimes' judges read these facts. */
export interface Environment {
  /** `location.search`. */
  search: string;
  /** The learner's saved setting, if any. */
  setting: string | null;
  crossOriginIsolated: boolean;
  /** `navigator.onLine`: false means there is certainly no way to another host. */
  online: boolean;
  /** The page's effective `frame-src` sources (from its CSP), or undefined when there is no policy. */
  frameSources: readonly string[] | undefined;
}

/** Whether a page with these `frame-src` sources may load a frame from `origin`. */
export function allowsFrame(sources: readonly string[] | undefined, origin: string): boolean {
  if (sources === undefined) return true;
  return sources.some((source) => source === '*' || source === origin || source === `${new URL(origin).host}`);
}

/** The `frame-src` (or `default-src`) sources of a CSP string. */
export function frameSourcesOf(policy: string): string[] | undefined {
  const directives = new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values] as const),
  );
  return directives.get('frame-src') ?? directives.get('child-src') ?? directives.get('default-src');
}

/** Reads the environment of the current page (browser only). */
export function currentEnvironment(): Environment {
  const meta = document.querySelector<HTMLMetaElement>('meta[http-equiv="content-security-policy" i]');
  let setting: string | null = null;
  try {
    setting = localStorage.getItem(RUNTIME_SETTING_KEY);
  } catch {
    // Storage can be disabled; the default applies.
  }
  return {
    search: location.search,
    setting,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    online: navigator.onLine,
    frameSources: meta ? frameSourcesOf(meta.content) : undefined,
  };
}
