import { describe, expect, it } from 'vitest';
import { assembleLab, LabDefinitionError, type LabFolder } from './assemble';
import { getLab } from './registry';
import { checkSchema, labMetaSchema, stepMetaSchema, stepTextSchema } from './schema';

const lab = getLab('request-routing')!;
const VS = 'virtual-services.yaml';
const stepText = (title: string, hints = ['- one']) =>
  `---\ntitle: ${title}\nhints:\n  ${hints.join('\n  ')}\nwhy: because\n---\n\nDo it.\n`;
const folder: LabFolder = {
  folder: 'request-routing',
  meta: lab.meta,
  checks: lab.checks,
  starter: lab.starter,
  steps: Object.fromEntries(
    lab.steps.flatMap((step, i) => {
      const nn = String(i + 1).padStart(2, '0');
      return [
        [`${nn}-${step.id}.ko.md`, stepText('제목')],
        [`${nn}-${step.id}.en.md`, stepText('Title')],
      ];
    }),
  ),
  solution: Object.fromEntries(
    lab.steps.flatMap((step) =>
      Object.entries(step.solution.files).map(([path, text]) => [`${step.id}/${path}`, text]),
    ),
  ),
};
const without = (record: Readonly<Record<string, string>>, key: string) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

describe('a lab folder is validated where it is loaded', () => {
  it('accepts a complete folder, and puts steps, texts, checks and solutions together', () => {
    const assembled = assembleLab(folder);
    expect(assembled.meta.id).toBe('request-routing');
    expect(assembled.steps.map((s) => [s.id, s.kind])).toEqual([
      ['name-subsets', 'terminal'],
      ['all-to-v1', 'files'],
      ['jason-to-v2', 'files'],
      ['testers-to-v3', 'files'],
      ['break-it', 'files'],
    ]);
    expect(assembled.steps[0]).toMatchObject({
      title: { ko: '제목', en: 'Title' },
      body: { ko: 'Do it.', en: 'Do it.' },
      hints: [{ ko: 'one', en: 'one' }],
      why: { ko: 'because', en: 'because' },
      solution: { files: {}, commands: ['kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml'] },
    });
    expect(assembled.steps[2]?.checks.map((c) => c.id)).toEqual(['jason-v2', 'other-users-v1']);
    expect(assembled.solution[VS]).toBe(lab.steps.at(-1)?.solution.files[VS]);
  });

  it('refuses a title or hint without one of the languages, naming the field', () => {
    const noKo = { ...lab.meta, title: { en: 'Request routing' } };
    expect(() => assembleLab({ ...folder, meta: noKo })).toThrow(/lab\.ts:[\s\S]*title\.ko/);
    const blankHint = [{ ...lab.checks[0]!, hint: { ko: '힌트', en: '  ' } }];
    expect(() => assembleLab({ ...folder, checks: blankHint })).toThrow(/checks\.ts:[\s\S]*hint\.en/);
  });

  it('refuses an id that is not the folder name, missing files and solution files that are not editable', () => {
    expect(() => assembleLab({ ...folder, folder: 'routing' })).toThrow(LabDefinitionError);
    expect(() => assembleLab({ ...folder, starter: {} })).toThrow(
      /files\/virtual-services\.yaml is listed in lab\.ts but missing/,
    );
    expect(() => assembleLab({ ...folder, solution: { 'all-to-v1/extra.yaml': 'x' } })).toThrow(
      /solution\/all-to-v1\/extra\.yaml is not an editable file/,
    );
  });

  it('refuses steps without checks or a solution, checks of unknown steps, and solution folders of no step', () => {
    const noBreakCheck = lab.checks.filter((c) => c.step !== 'break-it');
    expect(() => assembleLab({ ...folder, checks: noBreakCheck })).toThrow(/step "break-it" has no check/);
    const stray = [...lab.checks, { ...lab.checks[0]!, id: 'stray', step: 'nope' }];
    expect(() => assembleLab({ ...folder, checks: stray })).toThrow(/check "stray" names step "nope", not in lab\.ts/);
    expect(() => assembleLab({ ...folder, solution: { ...folder.solution, [`nope/${VS}`]: 'x' } })).toThrow(
      /solution\/nope\/ is the folder of no step/,
    );
    expect(() => assembleLab({ ...folder, solution: { ...folder.solution, [VS]: 'x' } })).toThrow(
      /solution\/virtual-services\.yaml is outside a step's folder/,
    );
    expect(() => assembleLab({ ...folder, solution: without(folder.solution, `all-to-v1/${VS}`) })).toThrow(
      /step "all-to-v1" has no solution/,
    );
  });

  it('refuses step texts missing a language, out of order, of unknown steps or without frontmatter', () => {
    expect(() => assembleLab({ ...folder, steps: without(folder.steps, '02-all-to-v1.en.md') })).toThrow(
      /steps\/02-all-to-v1\.en\.md is missing/,
    );
    const swapped = { ...without(folder.steps, '02-all-to-v1.ko.md'), '03-all-to-v1.ko.md': stepText('제목') };
    expect(() => assembleLab({ ...folder, steps: swapped })).toThrow(
      /"all-to-v1" is step 2 in lab\.ts, so its file is numbered 02/,
    );
    expect(() => assembleLab({ ...folder, steps: { ...folder.steps, '06-extra.ko.md': stepText('x') } })).toThrow(
      /steps\/06-extra\.ko\.md: lab\.ts has no step "extra"/,
    );
    expect(() => assembleLab({ ...folder, steps: { ...folder.steps, 'notes.md': 'x' } })).toThrow(/<nn>-<step id>/);
    expect(() =>
      assembleLab({ ...folder, steps: { ...folder.steps, '01-name-subsets.ko.md': 'no frontmatter' } }),
    ).toThrow(/01-name-subsets\.ko\.md: no --- frontmatter/);
    const twoHints = { ...folder.steps, '01-name-subsets.ko.md': stepText('제목', ['- 하나', '- 둘']) };
    expect(() => assembleLab({ ...folder, steps: twoHints })).toThrow(/2 hints in Korean, 1 in English/);
    const noWhy = { ...folder.steps, '01-name-subsets.en.md': '---\ntitle: T\nhints: [a]\n---\nbody\n' };
    expect(() => assembleLab({ ...folder, steps: noWhy })).toThrow(/01-name-subsets\.en\.md: frontmatter:[\s\S]*why/);
  });

  it('refuses duplicate check or step ids, unknown fields and paths that leave the folder', () => {
    expect(() => assembleLab({ ...folder, checks: [lab.checks[0], lab.checks[0]] })).toThrow(/duplicate check id/);
    const twice = { ...lab.meta, steps: [...lab.meta.steps, lab.meta.steps[0]] };
    expect(() => assembleLab({ ...folder, meta: twice })).toThrow(/duplicate step id name-subsets/);
    expect(labMetaSchema.safeParse({ ...lab.meta, colour: 'red' }).success).toBe(false);
    expect(
      labMetaSchema.safeParse({ ...lab.meta, editable: ['../secrets.yaml'], main: '../secrets.yaml' }).success,
    ).toBe(false);
  });

  it('describes every field of the schemas, for authors and editors', () => {
    const shapes = { ...labMetaSchema.shape, ...checkSchema.shape, ...stepMetaSchema.shape, ...stepTextSchema.shape };
    for (const [name, field] of Object.entries(shapes)) expect(field.description, name).toBeTruthy();
  });
});
