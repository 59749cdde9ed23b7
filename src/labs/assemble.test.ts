import { describe, expect, it } from 'vitest';
import { assembleLab, LabDefinitionError } from './assemble';
import { getLab } from './registry';
import { checkSchema, labMetaSchema } from './schema';

const lab = getLab('request-routing')!;
const folder = {
  folder: 'request-routing',
  meta: lab.meta,
  checks: lab.checks,
  starter: lab.starter,
  solution: { 'virtual-services.yaml': lab.solution['virtual-services.yaml']! },
};

describe('a lab folder is validated where it is loaded', () => {
  it('accepts a complete folder', () => {
    expect(assembleLab(folder).meta.id).toBe('request-routing');
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
    expect(() => assembleLab({ ...folder, solution: { 'extra.yaml': 'x' } })).toThrow(
      /solution\/extra\.yaml is not an editable file/,
    );
    expect(() => assembleLab({ ...folder, solution: {} })).toThrow(/solution\/ has no editable file/);
  });

  it('refuses duplicate check ids, unknown fields and paths that leave the folder', () => {
    expect(() => assembleLab({ ...folder, checks: [lab.checks[0], lab.checks[0]] })).toThrow(/duplicate check id/);
    expect(labMetaSchema.safeParse({ ...lab.meta, colour: 'red' }).success).toBe(false);
    expect(
      labMetaSchema.safeParse({ ...lab.meta, editable: ['../secrets.yaml'], main: '../secrets.yaml' }).success,
    ).toBe(false);
  });

  it('describes every field of the metadata schema, for authors and editors', () => {
    for (const [name, field] of Object.entries({ ...labMetaSchema.shape, ...checkSchema.shape })) {
      expect(field.description, name).toBeTruthy();
    }
  });
});
