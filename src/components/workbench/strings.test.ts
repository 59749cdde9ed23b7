import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ko from '../../i18n/ko.json';
import { formatCount, labStrings, LAB_STRING_KEYS, uiStringsOf } from './strings';

describe('counted strings', () => {
  it('say "1 file" and "2 files" in English, and count with 개 in Korean', async () => {
    const [tEn, tKo] = await Promise.all([labStrings('en'), labStrings('ko')]);
    expect(formatCount(tEn, 'lab.import.done', 1, 'en')).toBe('Imported 1 file.');
    expect(formatCount(tEn, 'lab.import.done', 2, 'en')).toBe('Imported 2 files.');
    expect(formatCount(tEn, 'lab.import.done', 0, 'en')).toBe('Imported 0 files.');
    expect(formatCount(tKo, 'lab.import.done', 1, 'ko')).toBe('파일 1개를 가져왔습니다.');
    expect(formatCount(tKo, 'lab.import.done', 3, 'ko')).toBe('파일 3개를 가져왔습니다.');
  });

  it('choose the form by the count they are given, while filling every value', () => {
    const score = (t: Record<string, string>, total: number, correct: number, lang: string) =>
      formatCount(uiStringsOf(t, ['review.score_one', 'review.score_other']), 'review.score', total, lang, {
        total,
        correct,
      });
    expect(score(en, 1, 0, 'en')).toBe('0 of 1 question right.');
    expect(score(en, 4, 1, 'en')).toBe('1 of 4 questions right.');
    expect(score(ko, 1, 1, 'ko')).toBe('1문제 중 1문제를 맞혔습니다.');
  });

  it('hold a singular form only where the language has one', () => {
    const singular = LAB_STRING_KEYS.filter((key) => key.endsWith('_one'));
    expect(singular.length).toBeGreaterThan(0);
    expect(Object.keys(uiStringsOf(ko, singular))).toEqual([]);
    expect(Object.keys(uiStringsOf(en, singular))).toEqual(singular);
  });
});
