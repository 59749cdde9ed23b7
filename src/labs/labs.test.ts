import { describe, expect, it } from 'vitest';
import { runChecks } from './grader/run-checks';
import { loadLabs } from './node/registry';
import { labs } from './registry';
import type { Bilingual } from './schema';

const HANGUL = /[\uAC00-\uD7A3]/;

describe('the lab registry', () => {
  it('finds every lab folder, in course order', () => {
    expect(labs.map((lab) => lab.meta.id)).toEqual(['circuit-breaker', 'request-routing']);
  });

  it('finds the same labs, files and checks when scanning the folder from Node', async () => {
    const scanned = await loadLabs();
    expect(scanned.map((lab) => lab.meta)).toEqual(labs.map((lab) => lab.meta));
    expect(scanned.map((lab) => [lab.starter, lab.solution])).toEqual(labs.map((lab) => [lab.starter, lab.solution]));
    expect(scanned.map((lab) => lab.checks.map((c) => c.id))).toEqual(labs.map((lab) => lab.checks.map((c) => c.id)));
  });
});

describe.each(labs.map((lab) => [lab.meta.id, lab] as const))('lab %s', (_id, lab) => {
  it('says everything a learner reads in Korean and in English', () => {
    const texts: Bilingual[] = [lab.meta.title, lab.meta.summary, ...lab.checks.flatMap((c) => [c.title, c.hint])];
    for (const text of texts) {
      expect(text.ko, text.en).toMatch(HANGUL);
      expect(text.en).not.toMatch(HANGUL);
    }
  });

  it('fails at least one check on the starter files', async () => {
    const report = await runChecks(lab, lab.starter);
    expect(report.status).toBe('failed');
    expect(report.results.filter((r) => r.status !== 'pass').length).toBeGreaterThan(0);
    expect(report.firstHint).toBeDefined();
  }, 120_000);

  it('passes every check with the solution', async () => {
    const report = await runChecks(lab, lab.solution);
    const failing = report.results.filter((r) => r.status !== 'pass');
    expect(failing.map((r) => [r.id, r.message?.en, r.seen?.en])).toEqual([]);
    expect(report.error).toBeUndefined();
  }, 120_000);
});
