import type { RuntimeChoice, RuntimeReason } from './types';

/** Where WebContainers load their engine from (an iframe); the page policy must allow it as a frame. */
export const WEBCONTAINER_ORIGIN = 'https://stackblitz.com';
export const RUNTIME_SETTING_KEY = 'meshdojo.runtime';

export interface Environment {
  /** `location.search`. */
  search: string;
  /** The learner's saved setting, if any. */
  setting: string | null;
  crossOriginIsolated: boolean;
  /** `navigator.onLine`: false means there is certainly no way to StackBlitz. */
  online: boolean;
  /** The page's effective `frame-src` sources (from its CSP), or undefined when there is no policy. */
  frameSources: readonly string[] | undefined;
}

export interface RuntimePlan {
  /** What to try first. */
  first: 'sandbox' | 'webcontainer';
  /** Why, for the UI; replaced by a fallback reason if the WebContainer does not boot. */
  reason: RuntimeReason;
}

const isChoice = (value: string | null): value is RuntimeChoice =>
  value === 'auto' || value === 'sandbox' || value === 'webcontainer';

/**
 * Decides which runtime to boot: `?runtime=` beats the saved setting, which beats `auto`. `auto` only tries a
 * WebContainer when it could possibly work here (isolated page, online, a policy that lets its frame load);
 * startRuntime then also checks StackBlitz answers, so an offline course or a strict policy never pays the
 * boot timeout.
 */
export function planRuntime(env: Environment): RuntimePlan {
  const query = new URLSearchParams(env.search).get('runtime');
  if (isChoice(query) && query !== 'auto') return { first: query, reason: { key: 'requested' } };
  if (isChoice(env.setting) && env.setting !== 'auto') return { first: env.setting, reason: { key: 'setting' } };
  if (!env.crossOriginIsolated) return { first: 'sandbox', reason: { key: 'auto-not-isolated' } };
  if (!env.online) return { first: 'sandbox', reason: { key: 'auto-offline' } };
  if (!allowsFrame(env.frameSources, WEBCONTAINER_ORIGIN)) return { first: 'sandbox', reason: { key: 'auto-sandbox' } };
  return { first: 'webcontainer', reason: { key: 'webcontainer-ok' } };
}

function allowsFrame(sources: readonly string[] | undefined, origin: string): boolean {
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
