import { describe, expect, it } from 'vitest';
import { frameSourcesOf, planRuntime, type Environment } from './select';

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
