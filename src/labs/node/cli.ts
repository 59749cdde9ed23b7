/**
 * `meshdojo labs`, `meshdojo lab <id> [DIR] [--solution] [--force]`, `meshdojo check [DIR] [--all] [--json]
 * [--verbose] [--answer ID=ANSWER]…`, and the lab folder `meshdojo shell` opens: the labs on a learner's own
 * machine. `lab` writes a lab folder (files, README.md with the steps, .meshdojo/lab.json); `check` grades the
 * folder's files, the journal of its cluster and the answers to its quiz steps in a child process under Node's
 * permission model (sandbox/; 30 s per check), asks a current quiz step's questions on a TTY, and exits non-zero
 * unless the steps it grades pass. Output follows `--lang ko|en`, else LANG (ko… → Korean), else English.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ANSWERS_PATH, answersText, JOURNAL_PATH, journalText, LAB_MARKER_PATH, labMarkerText } from '../folder-format';
import { gradeQuiz } from '../grader/quiz';
import type { CheckReport, CheckResult, Lab, Lang } from '../schema';
import { solutionAnswers, solutionJournal } from '../solution-replay';
import { checkHelp, formatGraderLog, NO_SANDBOX } from './check-text';
import { folderProblem, formatReport, labReadme, MESSAGES, usage } from './cli-text';
import { readLabFolder, writeAnswers } from './lab-folder';
import { openLabShell, type LabShell } from './lab-shell';
import { answersFromFlags, askQuiz, type Ask } from './quiz-terminal';
import { loadLabs } from './registry';
import { runChecksInSandbox, SandboxUnavailable, type GraderLog } from './sandbox/run-checks-in-sandbox';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Asks the learner a line; absent when stdin is not a terminal (nobody to ask). */
  readonly ask?: Ask;
}

/** One line from the terminal; undefined at the end of input (Ctrl-D). */
const askTerminal: Ask = (prompt) =>
  new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, output: process.stdout });
    lines.once('close', () => resolve(undefined));
    lines.question(prompt, (line) => {
      resolve(line);
      lines.close();
    });
  });

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  ...(process.stdin.isTTY && { ask: askTerminal }),
};

class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly flags: Set<string>;
  /** The values of repeatable flags that take one (`--answer x=1 --answer y=2`). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly lang: Lang;
}

function langOf(env: CliIo['env']): Lang {
  const fromEnv = env['LANG'] ?? env['LC_ALL'] ?? '';
  return fromEnv.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

function parse(
  argv: readonly string[],
  allowed: readonly string[],
  env: CliIo['env'],
  valued: readonly string[] = [],
): Parsed {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  let lang = langOf(env);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = arg.split('=')[0] ?? '';
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg.includes('=') ? arg.slice('--lang='.length) : argv[++i];
      if (value !== 'ko' && value !== 'en') throw new UsageError(`--lang wants ko or en, not "${value ?? ''}"`);
      lang = value;
    } else if (valued.includes(name)) {
      const value = arg.includes('=') ? arg.slice(name.length + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if (arg.startsWith('-')) {
      if (!allowed.includes(arg)) throw new UsageError(`unknown flag ${arg}`);
      flags.add(arg);
    } else positional.push(arg);
  }
  return { positional, flags, values, lang };
}

export async function runLabsCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'labs') return await listLabs(parse(rest, [], io.env), io);
    if (command === 'lab') return await writeLab(parse(rest, ['--solution', '--force'], io.env), io);
    if (command === 'check') {
      const parsed = parse(rest, ['--all', '--json', '--verbose', '--help', '-h'], io.env, ['--answer']);
      if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
        io.stdout(checkHelp(parsed.lang));
        return 0;
      }
      return await checkFolder(parsed, io);
    }
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
  const solved = flags.has('--solution');
  const files: Record<string, string> = {
    ...(solved ? lab.solution : lab.starter),
    'README.md': labReadme(lab, lang),
    [LAB_MARKER_PATH]: labMarkerText(lab.meta.id),
    // The finished lab's cluster: every step done as its solution says, every quiz answered right.
    ...(solved && { [JOURNAL_PATH]: journalText(solutionJournal(lab, lab.steps.length)) }),
    ...(solved &&
      lab.steps.some((step) => step.kind === 'quiz') && {
        [ANSWERS_PATH]: answersText(solutionAnswers(lab, lab.steps.length, lang)),
      }),
  };
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
  io.stdout(MESSAGES.wrote[lang](lab, dir, Object.keys(files)));
  return 0;
}

async function checkFolder({ positional, flags, values, lang }: Parsed, io: CliIo): Promise<number> {
  const [dirArg, extra] = positional;
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`);
  const dir = resolve(io.cwd, dirArg ?? '.');
  const read = readLabFolder(dir, await loadLabs());
  if (!read.ok) {
    io.stderr(folderProblem(read.problem, lang));
    return 1;
  }
  const { lab, files, missing, journal } = read.folder;
  if (missing.length > 0) {
    io.stderr(MESSAGES.missingFiles[lang](missing));
    return 1;
  }
  let answers = read.folder.answers;
  const answerFlags = values.get('--answer') ?? [];
  if (answerFlags.length > 0) {
    const given = answersFromFlags(lab, answers, answerFlags, lang);
    if ('problem' in given) throw new UsageError(given.problem);
    answers = given.answers;
    writeAnswers(dir, answers);
    if (!flags.has('--json')) io.stdout(`${given.feedback}\n`);
  }
  // Every step graded once; without --all the report shows the first one that does not pass (the current step).
  const logs: GraderLog[] = [];
  let report: CheckReport;
  try {
    report = await runChecksInSandbox(lab, files, { journal, answers, onGraderLog: (log) => logs.push(log) });
  } catch (error) {
    if (!(error instanceof SandboxUnavailable)) throw error;
    io.stderr(NO_SANDBOX[lang](error.runningVersion));
    return 1;
  }
  const mode = flags.has('--all') ? 'all' : 'current';
  let current = currentStep(lab, report);
  // A quiz step is answered where the learner is: on a terminal, its questions are asked now.
  if (current?.kind === 'quiz' && io.ask && mode === 'current' && !flags.has('--json') && answerFlags.length === 0) {
    answers = await askQuiz(lab, current, answers, { ask: io.ask, write: io.stdout }, lang);
    writeAnswers(dir, answers);
    io.stdout('\n');
    report = withStepResults(lab, report, current.id, gradeQuiz(current, answers));
    current = currentStep(lab, report);
  }
  if (flags.has('--json')) {
    const shown = mode === 'all' || current === undefined ? report : currentOnly(report, current.id);
    io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  } else io.stdout(formatReport(lab, report, lang, mode));
  if (flags.has('--verbose')) for (const log of logs) io.stderr(formatGraderLog(log, lang));
  return report.status === 'passed' ? 0 : 1;
}

/** The first step that does not pass. */
function currentStep(lab: Lab, report: CheckReport) {
  return lab.steps.find((step) => report.results.some((r) => r.step === step.id && r.status !== 'pass'));
}

/** The report with one step's results regraded (a quiz step just answered). */
function withStepResults(lab: Lab, report: CheckReport, step: string, results: readonly CheckResult[]): CheckReport {
  const order = (r: CheckResult) => lab.steps.findIndex((s) => s.id === r.step);
  const all = [...report.results.filter((r) => r.step !== step), ...results].sort((a, b) => order(a) - order(b));
  const firstFailure = all.find((r) => r.status !== 'pass');
  const { firstHint: _, ...rest } = report;
  return {
    ...rest,
    status: firstFailure === undefined ? 'passed' : 'failed',
    results: all,
    ...(firstFailure !== undefined && { firstHint: firstFailure.hint }),
  };
}

/** The report of the current step alone, as `runChecks(…, { step })` gives it. */
function currentOnly(report: CheckReport, step: string) {
  const results = report.results.filter((r) => r.step === step);
  const firstFailure = results.find((r) => r.status !== 'pass');
  return { ...report, step, results, ...(firstFailure !== undefined && { firstHint: firstFailure.hint }) };
}

/**
 * `meshdojo shell` in a lab folder: the lab's cluster as the folder's journal left it, or undefined (the
 * problem told on stderr) when `dir` is not a usable lab folder.
 */
export async function openFolderShell(
  dir: string,
  clock: 'real' | 'virtual',
  io: CliIo = processIo,
): Promise<{ shell: LabShell; banner: string } | undefined> {
  const lang = langOf(io.env);
  const read = readLabFolder(dir, await loadLabs());
  if (!read.ok) {
    io.stderr(folderProblem(read.problem, lang));
    return undefined;
  }
  const shell = await openLabShell(read.folder, clock, lang);
  return { shell, banner: MESSAGES.shellBanner[lang](shell.lab, read.folder.journal.length) };
}
