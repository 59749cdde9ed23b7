import { describe, expect, it } from 'vitest';
import type { FallbackRuntime, AlternativeRuntime, Runtimes } from './descriptor';
import { frameSourcesOf, type Environment } from './environment';
import { planRuntime } from './select';
import { webcontainer } from './webcontainer';

const isolated: Environment = {
  search: '',
  setting: null,
  crossOriginIsolated: true,
  online: true,
  frameSources: undefined,
};

describe('planRuntime', () => {
  it('takes ?runtime= over the setting', () => {
    expect(planRuntime({ ...isolated, search: '?runtime=webcontainer', setting: 'sandbox' })).toEqual({
      first: 'webcontainer',
      reason: { key: 'requested' },
    });
  });
  it('takes the setting when there is no query', () => {
    expect(planRuntime({ ...isolated, setting: 'webcontainer' })).toEqual({
      first: 'webcontainer',
      reason: { key: 'setting' },
    });
  });
  it('auto: the sandbox, even where a WebContainer could run', () => {
    expect(planRuntime({ ...isolated, frameSources: ["'self'", 'https://stackblitz.com'] })).toEqual({
      first: 'sandbox',
      reason: { key: 'auto' },
    });
  });
  it('ignores unknown values', () => {
    expect(planRuntime({ ...isolated, search: '?runtime=vm', setting: 'x' })).toEqual({
      first: 'sandbox',
      reason: { key: 'auto' },
    });
  });
});

describe("the WebContainer's judge", () => {
  it('refuses a page that is not isolated, is offline, or whose policy blocks its frame, saying which', () => {
    const judge = (env: Environment) => webcontainer.judge(env);
    expect(judge({ ...isolated, crossOriginIsolated: false }).reason.key).toBe('webcontainer-not-isolated');
    expect(judge({ ...isolated, online: false }).reason.key).toBe('webcontainer-offline');
    expect(judge({ ...isolated, frameSources: frameSourcesOf("default-src 'self'; frame-src 'self'") })).toEqual({
      usable: false,
      reason: { key: 'webcontainer-refused-frame' },
    });
    expect(judge({ ...isolated, frameSources: ["'self'", 'https://stackblitz.com'] }).usable).toBe(true);
  });
});

describe('planRuntime over any list of runtimes', () => {
  const alternative = (kind: string): AlternativeRuntime => ({
    kind,
    name: { ko: kind, en: kind },
    reasons: {},
    judge: () => ({ usable: true, reason: { key: `${kind}-suits` } }),
    boot: () => Promise.reject(new Error('not booted here')),
    whyFailed: () => ({ key: 'failed' }),
  });
  const fallback: FallbackRuntime = { kind: 'fallback', name: { ko: '', en: '' }, boot: alternative('').boot };

  it('takes any listed kind from ?runtime= or the setting, the fallback too', () => {
    const runtimes: Runtimes = { alternatives: [alternative('a')], fallback };
    expect(planRuntime({ ...isolated, search: '?runtime=fallback' }, runtimes).first).toBe('fallback');
    expect(planRuntime({ ...isolated, setting: 'fallback' }, runtimes).reason).toEqual({ key: 'setting' });
    expect(planRuntime({ ...isolated, search: '?runtime=a' }, runtimes).first).toBe('a');
    expect(planRuntime({ ...isolated, search: '?runtime=webcontainer' }, runtimes).first).toBe('fallback');
  });
});
