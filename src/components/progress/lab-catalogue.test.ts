import { describe, expect, it } from 'vitest';
import { labCatalogue } from './lab-catalogue';
import { labIds } from '../../runtime/labs-bridge';

describe('labCatalogue', () => {
  it('lists every lab in course order, in the page language, with its steps and estimated time', () => {
    const [ko, en] = [labCatalogue('ko'), labCatalogue('en')];
    expect(ko.map((lab) => lab.id)).toEqual(labIds());
    expect(en.map((lab) => lab.id)).toEqual(labIds());
    for (const [index, lab] of en.entries()) {
      expect(lab.url).toBe(`/en/labs/${lab.id}/`);
      expect(ko[index]!.url).toBe(`/ko/labs/${lab.id}/`);
      expect(ko[index]!.title).toMatch(/[\uAC00-\uD7A3]/);
      expect(lab.title).not.toMatch(/[\uAC00-\uD7A3]/);
      expect(lab.stepIds.length).toBeGreaterThan(0);
      expect(lab.minutes).toBeGreaterThan(0);
      expect(['beginner', 'intermediate', 'advanced']).toContain(lab.difficulty);
    }
    expect(en.find((lab) => lab.id === 'circuit-breaker')).toMatchObject({
      kind: 'code',
      lessonSlug: 'part-1/circuit-breaker',
      title: 'Implement a circuit breaker',
    });
  });
});
