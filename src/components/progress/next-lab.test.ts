import { describe, expect, it } from 'vitest';
import { nextLab } from './next-lab';
import { emptyProgress, type Progress } from './progress-data';

const LABS = ['a', 'b', 'c'].map((id) => ({ id, title: id.toUpperCase(), url: `/en/labs/${id}/`, stepIds: ['s'] }));

function done(...ids: string[]): Progress {
  const progress = emptyProgress();
  for (const id of ids) progress.labs[id] = { steps: { s: { checks: { x: 'pass' }, passedAt: 1 } }, completedAt: 1 };
  return progress;
}

describe('nextLab', () => {
  it('without a current lab: the first lab not done, in course order', () => {
    expect(nextLab(LABS, emptyProgress())?.id).toBe('a');
    expect(nextLab(LABS, done('a'))?.id).toBe('b');
    expect(nextLab(LABS, done('a', 'c'))?.id).toBe('b');
    expect(nextLab(LABS, done('a', 'b', 'c'))).toBeUndefined();
  });

  it('after a lab: the next one not done, then any earlier one not done, never the lab itself', () => {
    expect(nextLab(LABS, done('a'), 'a')).toMatchObject({ id: 'b', title: 'B', url: '/en/labs/b/' });
    expect(nextLab(LABS, done('a', 'b'), 'b')?.id).toBe('c');
    expect(nextLab(LABS, done('b', 'c'), 'c')?.id).toBe('a');
    expect(nextLab(LABS, done('b'), 'c')?.id).toBe('a');
    expect(nextLab(LABS, done('a', 'b'), 'c')).toBeUndefined();
    expect(nextLab(LABS, emptyProgress(), 'unknown')?.id).toBe('a');
  });
});
