import type { SimCluster } from '../index';
import type { TextEditor } from './editor';

/** The files a command can see: the shell's sandbox filesystem (samples, kubeconfig, cookie jars). */
export interface CommandFs {
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  isDirectory(path: string): Promise<boolean>;
  readdir(path: string): Promise<string[]>;
}

export interface Output {
  write(text: string): void;
}

/** What a command gets from the shell that runs it. */
export interface CommandIo {
  stdin: string;
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string>>;
  cwd: string;
  fs: CommandFs;
  /** Ctrl-C. */
  signal?: AbortSignal;
  /** Where `kubectl edit` opens a file; absent where the learner has no editor (a piped script, a grader). */
  editor?: TextEditor;
}

/** One of our programs: argv without the program name → exit status. */
export type CommandRun = (argv: readonly string[], io: CommandIo, cluster: SimCluster) => Promise<number>;

/** Resolves `path` against the working directory, as the shell would. */
export function resolvePath(cwd: string, path: string): string {
  const absolute = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of absolute.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Collects a command's output into strings (tests, `kubectl exec` of our own tools). */
export function bufferedIo(base: Omit<CommandIo, 'stdout' | 'stderr'>): {
  io: CommandIo;
  stdout: () => string;
  stderr: () => string;
  combined: () => string;
} {
  let out = '';
  let err = '';
  let both = '';
  return {
    io: {
      ...base,
      stdout: { write: (text) => ((out += text), (both += text)) },
      stderr: { write: (text) => ((err += text), (both += text)) },
    },
    stdout: () => out,
    stderr: () => err,
    combined: () => both,
  };
}
