/**
 * `meshdojo labs`, `meshdojo lab <id> [DIR] [--solution] [--force]` and `meshdojo check [DIR] [--json]`:
 * the labs on a learner's own machine. `lab` writes a lab's files and a marker naming the lab; `check`
 * grades the folder in a worker_thread (5 s per check) and exits non-zero unless every check passes.
 * Output follows `--lang ko|en`, else LANG (ko… → Korean), else English.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Lab, Lang } from '../schema';
import { loadLabs } from './registry';
import { formatReport, MESSAGES, usage } from './cli-text';
import { runChecksInWorker } from './worker-runner';

/** The marker `meshdojo lab` writes into the folder, so `meshdojo check` knows which lab it holds. */
export const MARKER = '.meshdojo-lab.json';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
};

class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly lang: Lang;
}

function parse(argv: readonly string[], allowed: readonly string[], env: CliIo['env']): Parsed {
  const positional: string[] = [];
  const flags = new Set<string>();
  const fromEnv = env['LANG'] ?? env['LC_ALL'] ?? '';
  let lang: Lang = fromEnv.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg.includes('=') ? arg.slice('--lang='.length) : argv[++i];
      if (value !== 'ko' && value !== 'en') throw new UsageError(`--lang wants ko or en, not "${value ?? ''}"`);
      lang = value;
    } else if (arg.startsWith('-')) {
      if (!allowed.includes(arg)) throw new UsageError(`unknown flag ${arg}`);
      flags.add(arg);
    } else positional.push(arg);
  }
  return { positional, flags, lang };
}

export async function runLabsCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'labs') return await listLabs(parse(rest, [], io.env), io);
    if (command === 'lab') return await writeLab(parse(rest, ['--solution', '--force'], io.env), io);
    if (command === 'check') return await checkFolder(parse(rest, ['--json'], io.env), io);
    throw new UsageError(`unknown command ${command ?? '(none)'}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`meshdojo: ${error.message}\n\n${usage()}`);
    return 2;
  }
}

async function listLabs({ positional, lang }: Parsed, io: CliIo): Promise<number> {
  if (positional.length > 0) throw new UsageError(`labs takes no arguments (got ${positional.join(' ')})`);
  for (const lab of await loadLabs())
    io.stdout(`${lab.meta.id.padEnd(20)} ${lab.meta.lesson.padEnd(5)} ${lab.meta.title[lang]}\n`);
  return 0;
}

async function findLab(id: string, lang: Lang, io: CliIo): Promise<Lab | undefined> {
  const labs = await loadLabs();
  const lab = labs.find((l) => l.meta.id === id);
  if (lab === undefined)
    io.stderr(
      MESSAGES.unknownLab[lang](
        id,
        labs.map((l) => l.meta.id),
      ),
    );
  return lab;
}

async function writeLab({ positional, flags, lang }: Parsed, io: CliIo): Promise<number> {
  const [id, dirArg, extra] = positional;
  if (id === undefined) throw new UsageError('lab needs a lab id (see `meshdojo labs`)');
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`);
  const lab = await findLab(id, lang, io);
  if (lab === undefined) return 1;
  const dir = resolve(io.cwd, dirArg ?? id);
  const files = flags.has('--solution') ? lab.solution : lab.starter;
  // Never overwrite a learner's work silently: a file that exists with other content stops everything.
  const clashes = Object.entries(files).filter(([path, text]) => {
    const target = join(dir, path);
    return existsSync(target) && readFileSync(target, 'utf8') !== text;
  });
  if (clashes.length > 0 && !flags.has('--force')) {
    io.stderr(MESSAGES.wouldOverwrite[lang](clashes.map(([path]) => join(dir, path))));
    return 1;
  }
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  writeFileSync(join(dir, MARKER), `${JSON.stringify({ lab: lab.meta.id }, null, 2)}\n`);
  io.stdout(MESSAGES.wrote[lang](lab, dir, Object.keys(files)));
  return 0;
}

async function checkFolder({ positional, flags, lang }: Parsed, io: CliIo): Promise<number> {
  const [dirArg, extra] = positional;
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`);
  const dir = resolve(io.cwd, dirArg ?? '.');
  const marker = join(dir, MARKER);
  if (!existsSync(marker)) {
    io.stderr(MESSAGES.noMarker[lang](dir));
    return 1;
  }
  let id: unknown;
  try {
    id = (JSON.parse(readFileSync(marker, 'utf8')) as { lab?: unknown }).lab;
  } catch {
    id = undefined;
  }
  if (typeof id !== 'string') {
    io.stderr(MESSAGES.badMarker[lang](marker));
    return 1;
  }
  const lab = await findLab(id, lang, io);
  if (lab === undefined) return 1;
  const files: Record<string, string> = {};
  const missing: string[] = [];
  for (const path of lab.meta.editable) {
    const target = join(dir, path);
    if (existsSync(target)) files[path] = readFileSync(target, 'utf8');
    else missing.push(path);
  }
  if (missing.length > 0) {
    io.stderr(MESSAGES.missingFiles[lang](missing.map((path) => join(dir, path))));
    return 1;
  }
  const report = await runChecksInWorker(lab, files);
  io.stdout(flags.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(lab, report, lang));
  return report.status === 'passed' ? 0 : 1;
}
