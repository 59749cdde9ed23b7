import { describe, expect, it } from 'vitest';
import { factRefs, fillYourRun, formatFact } from './your-run';

describe('your run', () => {
  const facts = new Map([
    ['canary-share', { pages: 200, v2: 41, v2Percent: 20.5 }],
    ['page-time', { seconds: 6.0312, version: 'v2' }],
  ]);

  it('finds every placeholder, repeats included', () => {
    expect(factRefs('{canary-share.v2} of {canary-share.pages}, {canary-share.v2}')).toEqual([
      { check: 'canary-share', fact: 'v2' },
      { check: 'canary-share', fact: 'pages' },
      { check: 'canary-share', fact: 'v2' },
    ]);
    expect(factRefs('{not a placeholder} {Caps.x} {a.b-c}')).toEqual([]);
  });

  it('fills numbers in the language’s way, at most two decimals, and text as it is', () => {
    expect(fillYourRun('{canary-share.v2} of {canary-share.pages} ({canary-share.v2Percent} %)', facts, 'en')).toBe(
      '41 of 200 (20.5 %)',
    );
    expect(fillYourRun('{page-time.seconds}초, {page-time.version}', facts, 'ko')).toBe('6.03초, v2');
    expect(formatFact(12345.678, 'en')).toBe('12,345.68');
  });

  it('gives nothing when a fact is missing, rather than half the numbers', () => {
    expect(fillYourRun('{canary-share.v2} and {canary-share.v3}', facts, 'en')).toBeUndefined();
    expect(fillYourRun('{other-check.v2}', facts, 'en')).toBeUndefined();
  });
});
