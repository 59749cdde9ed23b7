import {
  parseRfc3339,
  unknownResourceTypeError,
  type SimCluster,
  type KubeClient,
  type KubeError,
  type KubeObject,
  type ResourceType,
  type VerbResult,
} from '../../index';
import { Flags, parseArgs, UsageError, type FlagSpec } from '../args';
import { humanDuration } from '../format/age';
import type { CommandIo } from '../io';
import { kubeconfigPath, loadContext } from '../kubeconfig';

/** Flags every kubectl command accepts (pflag persistent flags of the root command). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];

/** What one kubectl subcommand works with. */
export class Kubectl {
  constructor(
    readonly cluster: SimCluster,
    readonly io: CommandIo,
    readonly command: string,
    readonly flags: Flags,
    readonly args: string[],
    readonly rest: string[] | undefined,
    /** The namespace from `-n`, else the kubeconfig context's. */
    readonly namespace: string,
  ) {}

  get kube(): KubeClient {
    return this.cluster.kube;
  }

  get explicitNamespace(): boolean {
    return this.flags.has('namespace');
  }

  /** `-A`: every namespace, for the verbs that declare the flag; kubectl then ignores `-n`. */
  get allNamespaces(): boolean {
    return this.flags.bool('all-namespaces');
  }

  /**
   * The namespaced objects a verb without names acts on: those of `-n` (or the context's), of every namespace
   * under `-A`; cluster-scoped ones whatever the flags.
   */
  listTargets(type: ResourceType): KubeObject[] {
    return this.kube.list(type, type.namespaced && !this.allNamespaces ? this.namespace : undefined);
  }

  out(text: string): void {
    this.io.stdout.write(text);
  }

  err(text: string): void {
    this.io.stderr.write(text);
  }

  /** `error: …` lines and exit status 1, kubectl's usual failure. */
  fail(message: string): number {
    this.err(message.endsWith('\n') ? message : `${message}\n`);
    return 1;
  }

  failError(error: KubeError): number {
    return this.fail(error.message);
  }

  /** Prints each verb result as kubectl does (warnings first, success lines on stdout, errors at the end). */
  report(results: readonly VerbResult[]): number {
    const errors: KubeError[] = [];
    for (const result of results) {
      for (const warning of result.warnings) this.err(`${warning}\n`);
      if (result.ok) this.out(`${result.message}\n`);
      else errors.push(result.error);
    }
    if (errors.length === 0) return 0;
    this.err(`${errors.length === 1 ? errors[0]!.message : errors.map((e) => e.aggregateMessage).join('\n')}\n`);
    return 1;
  }

  /** The deprecation warnings this command already printed: kubectl shows each distinct warning once. */
  private readonly warned = new Set<string>();

  resolveType(name: string): ResourceType | KubeError {
    const type = this.kube.resolveResource(name);
    if (type === undefined) return unknownResourceTypeError(name);
    if (type.deprecation !== undefined && !this.warned.has(type.deprecation)) {
      this.warned.add(type.deprecation);
      this.err(`Warning: ${type.deprecation}\n`);
    }
    return type;
  }

  /** kubectl's AGE of a timestamp, on the cluster clock. */
  age(timestamp: string | undefined): string {
    const at = timestamp === undefined ? undefined : parseRfc3339(timestamp);
    if (at === undefined) return '<unknown>';
    return humanDuration(this.cluster.clock.now() - at);
  }
}

/** kubectl's resource builder refuses a name under `-A`: a name means one namespace. */
export const NAME_ACROSS_NAMESPACES = 'error: a resource cannot be retrieved by name across all namespaces';

export type SubcommandRun = (k: Kubectl) => Promise<number>;

export interface Subcommand {
  flags: FlagSpec[];
  run: SubcommandRun;
  /** Whether the command needs the API server (kubectl version --client, config view do not). */
  offline?: boolean;
}

/** Parses the command line and resolves the kubeconfig context; a number is the exit status of a failure. */
export async function prepare(
  cluster: SimCluster,
  io: CommandIo,
  command: string,
  sub: Subcommand,
  argv: readonly string[],
): Promise<Kubectl | number> {
  let flags: Flags;
  let parsed;
  try {
    parsed = parseArgs(argv, [...GLOBAL_FLAGS, ...sub.flags]);
    flags = new Flags(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`error: ${error.message}\nSee 'kubectl ${command} --help' for usage.\n`);
    return 1;
  }
  let namespace = flags.string('namespace') ?? 'default';
  if (sub.offline !== true) {
    const path = kubeconfigPath(io.env, io.cwd, flags.string('kubeconfig'));
    const explicit = flags.has('kubeconfig') || (io.env['KUBECONFIG'] ?? '') !== '';
    const context = await loadContext(io.fs, path, explicit, flags.string('context'), cluster.info);
    if (!context.ok) {
      io.stderr.write(`${context.message}\n`);
      return 1;
    }
    namespace = flags.string('namespace') ?? context.context.namespace;
  }
  return new Kubectl(cluster, io, command, flags, parsed.args, parsed.rest, namespace);
}

/** The namespace kubectl shows in "No resources found in default namespace." */
export function globalCommandSplit(argv: readonly string[]): { command: string | undefined; rest: string[] } {
  const valueFlags = new Set([
    '-n',
    '--namespace',
    '--kubeconfig',
    '--context',
    '--cluster',
    '--user',
    '--request-timeout',
    '-v',
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('-')) {
      if (valueFlags.has(arg)) i++;
      continue;
    }
    return { command: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { command: undefined, rest: [...argv] };
}
