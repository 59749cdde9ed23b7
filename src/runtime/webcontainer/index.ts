import { defineAlternativeRuntime } from '../descriptor';
import { allowsFrame } from '../environment';

/** Where WebContainers load their engine from (an iframe); the page policy must allow it as a frame. */
const WEBCONTAINER_ORIGIN = 'https://stackblitz.com';
/** How long a page that asked for a WebContainer waits for StackBlitz to answer before it keeps the sandbox. */
const REACHABILITY_TIMEOUT_MS = 1500;

/**
 * StackBlitz's WebContainer: the lab's shell as our program under a real Node in the browser, when the learner
 * chooses it. It is tried only when it could possibly work here (isolated page, online, a policy that lets its
 * frame load) and StackBlitz answers, so an offline course or a strict policy never pays the boot timeout.
 */
export const webcontainer = defineAlternativeRuntime({
  kind: 'webcontainer',
  name: { ko: 'WebContainer', en: 'WebContainer' },
  reasons: {
    'webcontainer-ok': {
      ko: '페이지가 교차 출처 격리되어 있어 WebContainer를 씁니다.',
      en: 'The page is cross-origin isolated, so a WebContainer runs the lab.',
    },
    'webcontainer-not-isolated': {
      ko: '페이지가 교차 출처 격리되어 있지 않아 WebContainer 대신 샌드박스를 씁니다.',
      en: 'The page is not cross-origin isolated, so the sandbox runs the lab instead of a WebContainer.',
    },
    'webcontainer-offline': {
      ko: '브라우저가 오프라인이라 WebContainer 대신 샌드박스를 씁니다.',
      en: 'This browser is offline, so the sandbox runs the lab instead of a WebContainer.',
    },
    'webcontainer-refused-frame': {
      ko: '이 사이트의 보안 정책(CSP)이 WebContainer를 허용하지 않아 샌드박스를 씁니다.',
      en: 'This site’s security policy (CSP) does not allow WebContainers, so the sandbox runs the lab.',
    },
    'fallback-unreachable': {
      ko: 'WebContainer를 내려받는 StackBlitz에 연결되지 않아 샌드박스를 씁니다.',
      en: 'StackBlitz, where WebContainers start from, did not answer, so the sandbox runs the lab.',
    },
    'fallback-timeout': {
      ko: 'WebContainer가 {{detail}} 안에 시작되지 않아 샌드박스로 전환했습니다.',
      en: 'The WebContainer did not start within {{detail}}, so the lab switched to the sandbox.',
    },
    'fallback-error': {
      ko: 'WebContainer를 시작하지 못해 샌드박스로 전환했습니다. 원인: {{detail}}',
      en: 'The WebContainer could not start, so the lab switched to the sandbox. Cause: {{detail}}',
    },
  },
  judge(page) {
    if (!page.crossOriginIsolated) return { usable: false, reason: { key: 'webcontainer-not-isolated' } };
    if (!page.online) return { usable: false, reason: { key: 'webcontainer-offline' } };
    if (!allowsFrame(page.frameSources, WEBCONTAINER_ORIGIN))
      return { usable: false, reason: { key: 'webcontainer-refused-frame' } };
    return { usable: true, reason: { key: 'webcontainer-ok' } };
  },
  probe: async () =>
    (await answers(WEBCONTAINER_ORIGIN, REACHABILITY_TIMEOUT_MS)) ? undefined : { key: 'fallback-unreachable' },
  // The one import of webcontainer-runtime.ts, and so of @webcontainer/api: loaded only when a page boots one.
  boot: async (payload, workspace, reason) =>
    (await import('./webcontainer-runtime')).bootWebContainer(payload, workspace, reason),
  // A BootFailure says whether the engine timed out (not imported here: it would bring @webcontainer/api along).
  whyFailed: (error) => ({
    key: (error as { kind?: string }).kind === 'timeout' ? 'fallback-timeout' : 'fallback-error',
    detail: error instanceof Error ? error.message : String(error),
  }),
});

/** Whether `origin` answers within `timeoutMs` (an opaque no-cors response is enough). */
async function answers(origin: string, timeoutMs: number): Promise<boolean> {
  try {
    await fetch(`${origin}/headless`, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
