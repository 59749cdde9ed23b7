import { describe, expect, it } from 'vitest';
import { getLab } from '../registry';
import { MESSAGES } from './cli-text';

describe('the command line’s words', () => {
  it('count the replayed journal entries in the singular and the plural', () => {
    const lab = getLab('request-routing')!;
    expect(MESSAGES.shellBanner.en(lab, 1)).toContain('Replayed the entry of .meshdojo/journal.json.');
    expect(MESSAGES.shellBanner.en(lab, 3)).toContain('Replayed the 3 entries of .meshdojo/journal.json.');
    expect(MESSAGES.shellBanner.en(lab, 0)).not.toContain('Replayed');
    expect(MESSAGES.shellBanner.ko(lab, 1)).toContain('남은 작업 1개를 다시 실행했습니다.');
  });
});
