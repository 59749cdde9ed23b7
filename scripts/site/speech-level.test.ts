import { describe, expect, it } from 'vitest';
import { speechLevelProblems } from './speech-level.mjs';

describe('speechLevelProblems', () => {
  it('names each line of 해요체 prose, with the word', () => {
    const text = [
      '결과를 확인하세요.',
      '결과를 확인하십시오.',
      '다시 해 봐요!',
      '이것은 정상이에요.',
      '왜 감수할까요?',
    ].join('\n');
    expect(speechLevelProblems({ file: 'a.mdx', text })).toEqual([
      'a.mdx:1: "확인하세요" is 해요체 → write 합니다체 (-십시오, -습니다)',
      'a.mdx:3: "봐요" is 해요체 → write 합니다체 (-십시오, -습니다)',
      'a.mdx:4: "정상이에요" is 해요체 → write 합니다체 (-십시오, -습니다)',
    ]);
  });

  it('leaves code fences, a greeting and words that merely end in 요 alone', () => {
    const text = ['```sh', 'echo 확인하세요', '```', '안녕하세요 메시', '필요 없는 개요입니다.'].join('\n');
    expect(speechLevelProblems({ file: 'a.mdx', text })).toEqual([]);
  });
});
