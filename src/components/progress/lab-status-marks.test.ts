import { describe, expect, it } from 'vitest';
import { statusText, STATUS_STRING_KEYS, type StatusStrings } from './lab-status-marks';
import { emptyProgress } from './progress-data';

const t: StatusStrings = {
  'progress.status.not-started': 'Not started',
  'progress.status.in-progress': 'In progress',
  'progress.status.done': 'Done',
  'progress.status.steps': '{{passed}} of {{total}} steps passed',
};

describe('statusText', () => {
  it('says how far a lab is, with steps when it has several', () => {
    const progress = emptyProgress();
    const lab = { id: 'routing', stepIds: ['one', 'two', 'three'] };
    expect(STATUS_STRING_KEYS).toEqual(Object.keys(t));
    expect(statusText(progress, lab, t)).toBe('Not started');
    progress.labs['routing'] = {
      steps: { one: { checks: { a: 'pass' }, passedAt: 1 }, two: { checks: { b: 'fail' } } },
    };
    expect(statusText(progress, lab, t)).toBe('In progress · 1 of 3 steps passed');
    expect(statusText(progress, { id: 'routing', stepIds: ['two'] }, t)).toBe('In progress');
    expect(statusText(progress, { id: 'routing', stepIds: ['one'] }, t)).toBe('Done');
  });
});
