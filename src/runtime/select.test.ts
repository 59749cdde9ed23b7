import { describe, expect, it } from 'vitest';
import type { FallbackRuntime, PreferredRuntime, Runtimes } from './descriptor';
import { frameSourcesOf, type Environment } from './environment';
import { planRuntime } from './select';

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
    expect(planRuntime({ ...isolated, setting: 'sandbox' }).first).toBe('sandbox');
  });
  it('auto: sandbox when the page is not cross-origin isolated', () => {
    expect(planRuntime({ ...isolated, crossOriginIsolated: false }).reason.key).toBe('auto-not-isolated');
  });
  it("auto: sandbox when the page policy would block the WebContainer's frame", () => {
    const plan = planRuntime({ ...isolated, frameSources: frameSourcesOf("default-src 'self'; frame-src 'self'") });
    expect(plan).toEqual({ first: 'sandbox', reason: { key: 'auto-sandbox' } });
  });
  it('auto: sandbox when the browser is offline', () => {
    expect(planRuntime({ ...isolated, online: false }).reason.key).toBe('auto-offline');
  });
  it('auto: WebContainer when isolated and allowed', () => {
    expect(planRuntime({ ...isolated, frameSources: ["'self'", 'https://stackblitz.com'] }).first).toBe('webcontainer');
  });
  it('ignores unknown values', () => {
    expect(planRuntime({ ...isolated, search: '?runtime=vm', setting: 'x', crossOriginIsolated: false }).first).toBe(
      'sandbox',
    );
  });
});

describe('planRuntime over any list of runtimes', () => {
  const preferred = (kind: string, usable: boolean): PreferredRuntime => ({
    kind,
    name: { ko: kind, en: kind },
    reasons: {},
    judge: () => ({ usable, reason: { key: `${kind}-${usable ? 'suits' : 'does-not-suit'}` } }),
    boot: () => Promise.reject(new Error('not booted here')),
    whyFailed: () => ({ key: 'failed' }),
  });
  const fallback: FallbackRuntime = { kind: 'fallback', name: { ko: '', en: '' }, boot: preferred('', true).boot };

  it('auto: the first preferred runtime that suits the page, with its own reason', () => {
    const runtimes: Runtimes = { preferred: [preferred('a', false), preferred('b', true)], fallback };
    expect(planRuntime(isolated, runtimes)).toEqual({ first: 'b', reason: { key: 'b-suits' } });
  });
  it('auto: the fallback when none suits, with the most preferred runtime’s reason', () => {
    const runtimes: Runtimes = { preferred: [preferred('a', false), preferred('b', false)], fallback };
    expect(planRuntime(isolated, runtimes)).toEqual({ first: 'fallback', reason: { key: 'a-does-not-suit' } });
  });
  it('takes any listed kind from ?runtime= or the setting, the fallback too', () => {
    const runtimes: Runtimes = { preferred: [preferred('a', true)], fallback };
    expect(planRuntime({ ...isolated, search: '?runtime=fallback' }, runtimes).first).toBe('fallback');
    expect(planRuntime({ ...isolated, setting: 'fallback' }, runtimes).reason).toEqual({ key: 'setting' });
    expect(planRuntime({ ...isolated, search: '?runtime=webcontainer' }, runtimes).first).toBe('a');
  });
});
