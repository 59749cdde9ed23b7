import { describe, expect, it } from 'vitest';
import { assembleLab, LabDefinitionError, type LabFolder } from './assemble';
import { checksToRun, runChecks } from './grader/run-checks';
import { gradeQuiz } from './grader/quiz';
import { getLab } from './registry';
import type { Lab } from './schema';

// A quiz step first, then request-routing's steps: the folder as an author writes it.
const routing = getLab('request-routing')!;
const CHOICE = (lang: 'ko' | 'en') => `
  - id: first-match
    prompt: ${lang === 'ko' ? '어느 규칙이 이깁니까?' : 'Which rule wins?'}
    choices:
      - text: ${lang === 'ko' ? '처음 맞는 규칙' : 'The first that matches'}
        correct: true
        feedback: ${lang === 'ko' ? '규칙은 차례대로 봅니다.' : 'Rules are tried in order.'}
      - text: ${lang === 'ko' ? '가장 구체적인 규칙' : 'The most specific'}
        feedback: ${lang === 'ko' ? 'Istio는 규칙에 순위를 매기지 않습니다.' : 'Istio does not rank rules.'}`;
const SHORT = (lang: 'ko' | 'en') => `
  - id: subsets
    prompt: ${lang === 'ko' ? 'reviews의 서브셋은 몇 개입니까?' : 'How many subsets has reviews?'}
    accept: ["3", "${lang === 'ko' ? '세 개' : 'three'}"]
    feedback: ${lang === 'ko' ? 'v1, v2, v3입니다.' : 'v1, v2 and v3.'}
    wrong:
      - answer: "2"
        feedback: ${lang === 'ko' ? 'v3을 잊었습니다.' : 'You forgot v3.'}
    otherwise: ${lang === 'ko' ? 'DestinationRule을 보십시오.' : 'Look at the DestinationRule.'}`;
const quizText = (lang: 'ko' | 'en', questions = `${CHOICE(lang)}${SHORT(lang)}`) =>
  `---\ntitle: ${lang === 'ko' ? '먼저 예측하기' : 'Predict first'}\nhints:\n  - ${lang === 'ko' ? '레슨을 떠올리십시오.' : 'Think of the lesson.'}\n` +
  `why: ${lang === 'ko' ? '이제 만들어 봅니다.' : 'Now build it.'}\nreview:${questions}\n---\n\n${lang === 'ko' ? '답하십시오.' : 'Answer.'}\n`;
const stepText = (lang: 'ko' | 'en') =>
  `---\ntitle: ${lang === 'ko' ? '제목' : 'Title'}\nhints:\n  - ${lang === 'ko' ? '하나' : 'one'}\nwhy: ${lang === 'ko' ? '이유' : 'because'}\n---\n\n${lang === 'ko' ? '하십시오.' : 'Do it.'}\n`;

const folder: LabFolder = {
  folder: 'request-routing',
  meta: { ...routing.meta, steps: [{ id: 'predict', minutes: 2 }, ...routing.meta.steps] },
  checks: routing.checks,
  starter: routing.starter,
  steps: {
    '01-predict.ko.md': quizText('ko'),
    '01-predict.en.md': quizText('en'),
    ...Object.fromEntries(
      routing.steps.flatMap((step, i) => {
        const nn = String(i + 2).padStart(2, '0');
        return [
          [`${nn}-${step.id}.ko.md`, stepText('ko')],
          [`${nn}-${step.id}.en.md`, stepText('en')],
        ];
      }),
    ),
  },
  solution: Object.fromEntries(
    routing.steps.flatMap((step) =>
      Object.entries(step.solution.files).map(([path, text]) => [`${step.id}/${path}`, text]),
    ),
  ),
};
const withSteps = (steps: Record<string, string>): LabFolder => ({ ...folder, steps: { ...folder.steps, ...steps } });

describe('a quiz step', () => {
  const lab: Lab = assembleLab(folder);
  const quiz = lab.steps[0]!;

  it('is a step whose texts have review: questions, in both languages, with no checks and no solution', () => {
    expect(lab.steps.map((step) => step.kind)).toEqual(['quiz', 'terminal', 'files', 'files', 'files', 'files']);
    expect(quiz).toMatchObject({ id: 'predict', checks: [], solution: { files: {}, commands: [] } });
    expect(quiz.questions?.ko.map((q) => q.prompt)).toEqual([
      '어느 규칙이 이깁니까?',
      'reviews의 서브셋은 몇 개입니까?',
    ]);
    expect(quiz.questions?.en.map((q) => q.id)).toEqual(['first-match', 'subsets']);
    expect(lab.checks).toEqual(routing.checks.map((check) => expect.objectContaining({ id: check.id })));
    // Its questions are what a run grades for it.
    expect(checksToRun(lab, 'predict').map((item) => [item.step, item.id, item.title.en])).toEqual([
      ['predict', 'first-match', 'Which rule wins?'],
      ['predict', 'subsets', 'How many subsets has reviews?'],
    ]);
  });

  it('refuses checks or a solution for a quiz step', () => {
    const checked = [...routing.checks, { ...routing.checks[0]!, id: 'predicted', step: 'predict' }];
    expect(() => assembleLab({ ...folder, checks: checked })).toThrow(
      /step "predict" is a quiz \(its texts have review: questions\), so it has no checks, but checks\.ts gives it "predicted"/,
    );
    const solved = { ...folder.solution, 'predict/virtual-services.yaml': 'kind: X\n' };
    expect(() => assembleLab({ ...folder, solution: solved })).toThrow(
      /so it has no solution, but solution\/predict\//,
    );
    const commanded = {
      ...(folder.meta as object),
      steps: [{ id: 'predict', minutes: 2, commands: ['kubectl get pods'] }, ...routing.meta.steps],
    };
    expect(() => assembleLab({ ...folder, meta: commanded })).toThrow(
      /so it has no solution, but lab\.ts gives it commands/,
    );
  });

  it('refuses questions in one language only, and ko/en questions whose ids or right answers differ', () => {
    expect(() => assembleLab(withSteps({ '01-predict.en.md': stepText('en') }))).toThrow(
      /steps\/01-predict: review: questions in the ko\.md file but not in the en\.md/,
    );
    const otherOrder = withSteps({ '01-predict.en.md': quizText('en', `${SHORT('en')}${CHOICE('en')}`) });
    expect(() => assembleLab(otherOrder)).toThrow(LabDefinitionError);
    expect(() => assembleLab(otherOrder)).toThrow(
      /the review questions differ .*ko: first-match: choice 0\/2; subsets: short; en: subsets: short; first-match: choice 0\/2/,
    );
    const otherRight = withSteps({
      '01-predict.en.md': quizText(
        'en',
        CHOICE('en')
          .replace('correct: true', 'correct: false')
          .replace(
            'feedback: Istio does not rank rules.',
            'correct: true\n        feedback: Istio does not rank rules.',
          ) + SHORT('en'),
      ),
    });
    expect(() => assembleLab(otherRight)).toThrow(/ko: first-match: choice 0\/2; .* en: first-match: choice 1\/2/);
    const renamed = withSteps({
      '01-predict.ko.md': quizText('ko', `${CHOICE('ko')}${SHORT('ko').replace('id: subsets', 'id: subset-count')}`),
    });
    expect(() => assembleLab(renamed)).toThrow(/subset-count: short/);
  });

  it('refuses a question id asked twice in the lab, or equal to a check’s id', () => {
    const again = {
      ...(folder.meta as object),
      steps: [{ id: 'predict', minutes: 2 }, { id: 'again', minutes: 1 }, ...routing.meta.steps],
    };
    const steps = Object.fromEntries(
      Object.entries(folder.steps).map(([name, text]) => [
        name.replace(/^(\d\d)/, (nn) => String(Number(nn) + 1).padStart(2, '0')),
        text,
      ]),
    );
    const twice = {
      ...folder,
      meta: again,
      steps: {
        ...steps,
        '01-predict.ko.md': quizText('ko'),
        '01-predict.en.md': quizText('en'),
        '02-again.ko.md': quizText('ko'),
        '02-again.en.md': quizText('en'),
      },
    };
    delete (twice.steps as Record<string, string>)['02-predict.ko.md'];
    delete (twice.steps as Record<string, string>)['02-predict.en.md'];
    expect(() => assembleLab(twice)).toThrow(/question "first-match" is asked in step "predict" and in "again"/);
    const clash = withSteps({
      '01-predict.ko.md': quizText('ko', CHOICE('ko').replace('first-match', 'jason-v2')),
      '01-predict.en.md': quizText('en', CHOICE('en').replace('first-match', 'jason-v2')),
    });
    expect(() => assembleLab(clash)).toThrow(/question "jason-v2" of step "predict" has the id of a check/);
  });

  it('is graded on the answers: right in either language, feedback on what was given, unanswered fails', () => {
    const graded = (answers: Record<string, object>) =>
      gradeQuiz(quiz, { predict: answers as never }).map((r) => [
        r.id,
        r.status,
        r.seen?.en ?? r.message?.en,
        r.seen?.ko,
      ]);
    expect(graded({})).toEqual([
      ['first-match', 'fail', 'Not answered yet.', undefined],
      ['subsets', 'fail', 'Not answered yet.', undefined],
    ]);
    expect(graded({ 'first-match': { choices: [1] }, subsets: { text: '2' } })).toEqual([
      [
        'first-match',
        'fail',
        'The most specific — Istio does not rank rules.',
        '가장 구체적인 규칙 — Istio는 규칙에 순위를 매기지 않습니다.',
      ],
      ['subsets', 'fail', 'You forgot v3.', 'v3을 잊었습니다.'],
    ]);
    expect(graded({ subsets: { text: 'five' } })[1]).toEqual([
      'subsets',
      'fail',
      'Look at the DestinationRule.',
      'DestinationRule을 보십시오.',
    ]);
    // A typed answer either language accepts is right, with both languages' feedback for a right answer.
    for (const text of ['3', 'Three', '세 개']) {
      expect(graded({ 'first-match': { choices: [0] }, subsets: { text } })).toEqual([
        [
          'first-match',
          'pass',
          'The first that matches — Rules are tried in order.',
          '처음 맞는 규칙 — 규칙은 차례대로 봅니다.',
        ],
        ['subsets', 'pass', 'v1, v2 and v3.', 'v1, v2, v3입니다.'],
      ]);
    }
  });

  it('counts in a run without a cluster or compiled code; "Check all" grades it with the other steps', async () => {
    const answers = { predict: { 'first-match': { choices: [0] }, subsets: { text: '3' } } };
    const one = await runChecks(lab, lab.starter, { step: 'predict', answers });
    expect(one).toMatchObject({ step: 'predict', status: 'passed' });
    expect(one.results.map((r) => [r.step, r.id, r.status, r.virtualMs])).toEqual([
      ['predict', 'first-match', 'pass', 0],
      ['predict', 'subsets', 'pass', 0],
    ]);
    const unanswered = await runChecks(lab, lab.starter, { step: 'predict' });
    expect(unanswered).toMatchObject({ status: 'failed', firstHint: { en: 'Think of the lesson.' } });
    const events: string[] = [];
    const all = await runChecks(lab, lab.starter, {
      answers,
      onProgress: (e) => events.push(`${e.type}:${e.index}:${e.id}`),
    });
    expect(all.results.map((r) => r.id).slice(0, 3)).toEqual(['first-match', 'subsets', 'reviews-subsets']);
    expect(events.slice(0, 4)).toEqual([
      'start:0:first-match',
      'end:0:first-match',
      'start:1:subsets',
      'end:1:subsets',
    ]);
    // Resuming after a stopped check counts questions as checks.
    const resumed = await runChecks(lab, lab.starter, { answers, step: 'predict', startAt: 1 });
    expect(resumed.results.map((r) => r.id)).toEqual(['subsets']);
  }, 60_000);

  it('is graded even when a code lab’s code does not compile', async () => {
    const breaker = getLab('circuit-breaker')!;
    const report = await runChecks(breaker, { 'circuit-breaker.ts': 'export class {' }, { step: 'predict' });
    expect(report.status).toBe('failed');
    expect(report.results.map((r) => r.id)).toEqual(['state-after-cool-down', 'failed-probe', 'late-success']);
    const all = await runChecks(breaker, { 'circuit-breaker.ts': 'export class {' });
    expect(all.status).toBe('compile-error');
  });
});
