import { describe, expect, it } from 'vitest';
import { allRuntimes, RUNTIMES } from './runtimes';
import { AUTO_REASONS, CHOICE_REASONS } from './select';
import { describeRuntime } from './status-texts';

describe('the runtimes a lab page may boot', () => {
  it('have distinct kinds, none of them `auto` (the select’s own value)', () => {
    const kinds = allRuntimes().map((runtime) => runtime.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).not.toContain('auto');
  });
  it('name their reasons with keys no one else gives, each with a text in both languages', () => {
    const sources = [CHOICE_REASONS, AUTO_REASONS, ...RUNTIMES.alternatives.map((runtime) => runtime.reasons)];
    const keys = sources.flatMap((reasons) => Object.keys(reasons));
    expect(new Set(keys).size).toBe(keys.length);
    for (const texts of sources.flatMap((reasons) => Object.values(reasons))) {
      expect(texts.ko).not.toBe('');
      expect(texts.en).not.toBe('');
    }
  });
  it('tell the status line their name and reason in the page’s language', () => {
    const fallback = { kind: 'sandbox', reason: { key: 'fallback-error', detail: 'x' } };
    expect(describeRuntime(fallback, 'en')).toEqual({
      name: 'Sandbox (Web Worker)',
      reason: 'The WebContainer could not start, so the lab switched to the sandbox. Cause: {{detail}}',
    });
    expect(describeRuntime({ kind: 'webcontainer', reason: { key: 'requested' } }, 'ko')).toEqual({
      name: 'WebContainer',
      reason: '주소의 ?runtime= 값으로 선택했습니다.',
    });
  });
});
