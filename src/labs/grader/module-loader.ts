/**
 * Turns the learner's TypeScript files into a module the checks can call. sucrase strips types and rewrites
 * ES imports to CommonJS (it does not type-check: the editor shows type errors, the grader grades behaviour);
 * then every loop and function counts its work on a meter the loader hands in (work-meter.ts).
 * Each module is evaluated by `new Function` with the usual ambient capabilities shadowed, and may import
 * only the lab's own files. This is a guard against accidents, not a security boundary: the real boundary
 * is the Worker (browser) or the child process under Node's permission model (node/sandbox/) the grader runs in.
 */
import { transform } from 'sucrase';
import { instrumentWork, UNMETERED, WORK_TICK } from './work-meter';

export interface CompiledModules {
  readonly ok: true;
  /** CommonJS code by file path. */
  readonly code: ReadonlyMap<string, string>;
}

export interface CompileFailure {
  readonly ok: false;
  readonly file: string;
  /** 1-based line and column, when sucrase knows them. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

const SOURCE = /\.(ts|js|mts|mjs)$/;

/** Compiles every TypeScript/JavaScript file; the first one that does not parse is the failure. */
export function compileModules(files: Readonly<Record<string, string>>): CompiledModules | CompileFailure {
  const code = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    if (!SOURCE.test(path)) continue;
    try {
      const js = transform(text, { transforms: ['typescript', 'imports'], filePath: path }).code;
      try {
        code.set(path, instrumentWork(js));
      } catch (error) {
        // What sucrase let through and a full parser refuses: acorn counts columns from 0, sucrase from 1.
        return compileFailure(path, error, 1);
      }
    } catch (error) {
      return compileFailure(path, error);
    }
  }
  return { ok: true, code };
}

function compileFailure(file: string, error: unknown, columnBase = 0): CompileFailure {
  const raw = error instanceof Error ? error.message : String(error);
  const loc = (error as { loc?: { line?: number; column?: number } }).loc;
  // sucrase ends its messages with "(line:column)"; the position is reported separately.
  const message = raw.replace(/^Error transforming [^:]+: /, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
  return {
    ok: false,
    file,
    message,
    ...(loc?.line !== undefined && { line: loc.line }),
    ...(loc?.column !== undefined && { column: loc.column + columnBase }),
  };
}

/** Thrown when the learner's module imports something outside the lab. */
export class ModuleNotFound extends Error {
  constructor(specifier: string, from: string) {
    super(`Cannot find module '${specifier}' imported from ${from}: only the lab's own files can be imported`);
    this.name = 'ModuleNotFound';
  }
}

// Names a learner module sees as undefined: no network, no process, no host globals, no timers (the lab's
// clock is the `now()` it is given, so the same input always gives the same result).
const SHADOWED = [
  'globalThis',
  'window',
  'self',
  'process',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'importScripts',
  'postMessage',
  'setTimeout',
  'setInterval',
] as const;

/**
 * Evaluates `entry` (and what it imports) afresh: every call returns new module instances, so no state
 * leaks from one check to the next. The modules' loops and functions tick `work` (a check's WorkMeter).
 */
export function loadModule(
  modules: CompiledModules,
  entry: string,
  work: () => void = UNMETERED,
): Record<string, unknown> {
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (path: string): Record<string, unknown> => {
    const cached = cache.get(path);
    if (cached !== undefined) return cached.exports;
    const code = modules.code.get(path);
    if (code === undefined) throw new ModuleNotFound(path, entry);
    const module = { exports: {} as Record<string, unknown> };
    cache.set(path, module);
    const require = (specifier: string): unknown => {
      const target = resolve(path, specifier, modules.code);
      if (target === undefined) throw new ModuleNotFound(specifier, path);
      return load(target);
    };
    const fn = new Function('exports', 'require', 'module', WORK_TICK, ...SHADOWED, `"use strict";\n${code}`) as (
      ...args: unknown[]
    ) => void;
    fn(module.exports, require, module, work, ...SHADOWED.map(() => undefined));
    return module.exports;
  };
  return load(entry);
}

/** `./x` from `dir/a.ts` → `dir/x.ts` (or .js, or x/index.ts) among the lab's files. */
function resolve(from: string, specifier: string, code: ReadonlyMap<string, string>): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  const stem = base.replace(/\.(js|mjs)$/, '');
  return [base, `${stem}.ts`, `${stem}.mts`, `${stem}.js`, `${base}/index.ts`].find((p) => code.has(p));
}
