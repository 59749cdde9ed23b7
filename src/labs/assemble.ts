/**
 * Turns one lab folder's pieces into a validated Lab. Both registries (Vite's import.meta.glob and the
 * Node directory scan) call this, so a folder is held to the same rules wherever it is loaded.
 */
import { z } from 'zod';
import { checksSchema, labMetaSchema, type Lab, type LiveHook } from './schema';

export class LabDefinitionError extends Error {
  constructor(folder: string, problem: string) {
    super(`src/labs/${folder}: ${problem}`);
    this.name = 'LabDefinitionError';
  }
}

export interface LabFolder {
  readonly folder: string;
  /** lab.ts's default export. */
  readonly meta: unknown;
  /** checks.ts's default export. */
  readonly checks: unknown;
  /** checks.ts's `live` export, if any. */
  readonly live?: unknown;
  /** files/ by relative path. */
  readonly starter: Readonly<Record<string, string>>;
  /** solution/ by relative path. */
  readonly solution: Readonly<Record<string, string>>;
}

export function assembleLab(input: LabFolder): Lab {
  const { folder } = input;
  const meta = parse(folder, 'lab.ts', labMetaSchema, input.meta);
  const checks = parse(folder, 'checks.ts', checksSchema, input.checks);
  if (meta.id !== folder) throw new LabDefinitionError(folder, `lab.ts id "${meta.id}" differs from the folder name`);
  for (const path of [...meta.editable, ...meta.readOnly]) {
    if (input.starter[path] === undefined)
      throw new LabDefinitionError(folder, `files/${path} is listed in lab.ts but missing`);
  }
  const solution: Record<string, string> = {};
  for (const [path, text] of Object.entries(input.solution)) {
    // A read-only file in solution/ only lets the folder type-check (a re-export); ours is always used.
    if (meta.readOnly.includes(path)) continue;
    if (!meta.editable.includes(path)) throw new LabDefinitionError(folder, `solution/${path} is not an editable file`);
    solution[path] = text;
  }
  if (Object.keys(solution).length === 0) throw new LabDefinitionError(folder, 'solution/ has no editable file');
  if (input.live !== undefined && typeof input.live !== 'function')
    throw new LabDefinitionError(folder, 'checks.ts: `live` must be a function (see LiveHook)');
  if (input.live !== undefined && meta.kind !== 'code')
    throw new LabDefinitionError(folder, 'checks.ts: only code labs export `live`');
  return {
    meta,
    checks,
    ...(input.live !== undefined && { live: input.live as LiveHook }),
    starter: { ...input.starter },
    solution: { ...input.starter, ...solution },
  };
}

function parse<T extends z.ZodType>(folder: string, file: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new LabDefinitionError(folder, `${file}: ${z.prettifyError(result.error)}`);
}

/** Labs in course order (by lesson number, then id). */
export function sortLabs(labs: readonly Lab[]): Lab[] {
  const key = (lab: Lab): number[] => lab.meta.lesson.split('.').map(Number);
  return [...labs].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return (ka[0] ?? 0) - (kb[0] ?? 0) || (ka[1] ?? 0) - (kb[1] ?? 0) || a.meta.id.localeCompare(b.meta.id);
  });
}
