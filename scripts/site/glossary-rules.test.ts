import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  glossaryLinkProblems,
  glossaryProblems,
  glossaryTextProblems,
  parseGlossary,
  spellingProblems,
} from './glossary-rules.mjs';

const terms = parseGlossary(`
- id: probe
  ko: 시험 호출(프로브)
  en: probe
  avoid:
    ko: [탐색]
- id: service-mesh
  ko: 서비스 메시
  en: service mesh
  avoid:
    ko: [매쉬]
- id: cool-down
  ko: 쿨다운
  en: cool-down
  avoid:
    en: [cooldown]
`);

const page = (body: string) => `---\ntitle: 레슨\n---\n\n${body}\n`;

describe('glossary spelling', () => {
  it('passes a page that spells every term the glossary’s way', () => {
    const text = page('반열림 상태의 브레이커는 시험 호출(프로브) 하나만 통과시킵니다.');
    expect(spellingProblems({ file: 'content/ko/a.mdx', locale: 'ko', text }, terms)).toEqual([]);
  });

  it('fails on an avoided spelling, naming file, line and the right term', () => {
    const text = page('첫 줄입니다.\n브레이커가 탐색 호출을 보냅니다.');
    expect(spellingProblems({ file: 'content/ko/a.mdx', locale: 'ko', text }, terms)).toEqual([
      'content/ko/a.mdx:6: "탐색" → write "시험 호출(프로브)" (glossary: probe)',
    ]);
  });

  it('reads the frontmatter too, where review feedback lives', () => {
    const text = '---\nreview:\n  - feedback: 서비스 매쉬는 …\n---\n본문';
    expect(spellingProblems({ file: 'f', locale: 'ko', text }, terms)).toEqual([
      'f:3: "매쉬" → write "서비스 메시" (glossary: service-mesh)',
    ]);
  });

  it('leaves code, link targets and quotations alone', () => {
    const text = page(
      [
        '2019년 연재는 ‘서비스 매쉬’라고 적었습니다. 연재의 제목은 “서비스 매쉬 구현하기”입니다.',
        '`탐색` 은 코드이고, [용어집](/ko/glossary/#탐색)은 링크입니다.',
        '```sh',
        'echo 탐색',
        '```',
      ].join('\n'),
    );
    expect(spellingProblems({ file: 'f', locale: 'ko', text }, terms)).toEqual([]);
  });

  it('matches English spellings as whole words in any case, and only in their language', () => {
    const en = page('A Cooldown of 30 s; `coolDownMs` is code.');
    expect(spellingProblems({ file: 'f', locale: 'en', text: en }, terms)).toEqual([
      'f:5: "cooldown" → write "cool-down" (glossary: cool-down)',
    ]);
    expect(spellingProblems({ file: 'f', locale: 'ko', text: en }, terms)).toEqual([]);
    expect(spellingProblems({ file: 'f', locale: 'en', text: page('cooldowns') }, terms)).toEqual([]);
  });
});

describe('the glossary itself', () => {
  it('accepts sound terms and reports bad ids, a missing language and a self-defeating variant', () => {
    expect(glossaryProblems(terms)).toEqual([]);
    const bad = parseGlossary(`
- id: Probe
  ko: 프로브
  en: probe
  avoid:
    ko: [프로브]
- id: mesh
  ko: 메시
- id: mesh
  ko: 메시
  en: mesh
`);
    expect(glossaryProblems(bad)).toEqual([
      'glossary: Probe: the id must be kebab-case',
      'glossary: mesh: no en term',
      'glossary: mesh: the id repeats',
      'glossary: Probe: "프로브" is part of the term "프로브"',
    ]);
  });

  it('holds its own definitions and notes to its spellings, but not its avoid lists', () => {
    const text = [
      '- id: probe',
      '  ko: 시험 호출(프로브)',
      '  means:',
      '    ko: 탐색 호출입니다.',
      '  avoid:',
      '    ko: [탐색]',
    ].join('\n');
    expect(glossaryTextProblems({ file: 'g.yaml', locale: 'ko', text }, terms)).toEqual([
      'g.yaml:4: "탐색" → write "시험 호출(프로브)" (glossary: probe)',
    ]);
  });

  it('reads the course’s glossary without a problem', () => {
    const text = readFileSync(new URL('../../content/glossary.yaml', import.meta.url), 'utf8');
    const course = parseGlossary(text);
    expect(course.length).toBeGreaterThan(20);
    expect(glossaryProblems(course)).toEqual([]);
    for (const locale of ['ko', 'en']) {
      expect(glossaryTextProblems({ file: 'glossary.yaml', locale, text }, course)).toEqual([]);
    }
  });

  it('reports a link to a glossary entry that does not exist', () => {
    const text = '[프로브](/ko/glossary/#probe) [x](/en/glossary/#probes)';
    expect(glossaryLinkProblems({ file: 'f', text }, terms)).toEqual([
      'f: link to /en/glossary/#probes: the glossary has no term "probes"',
    ]);
  });
});
