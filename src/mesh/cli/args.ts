/**
 * Command-line parsing with pflag's rules (kubectl, istioctl): `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, grouped boolean shorthands (`-it`), flags anywhere among the arguments, `--` ending the flags.
 * Errors carry pflag's wording so each tool can print them in its own style.
 */

/** `strings` splits each value on commas (pflag StringSlice); `stringArray` keeps it whole (istioctl's `--set`). */
export type FlagType = 'bool' | 'string' | 'strings' | 'stringArray' | 'int' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Value used when a non-bool flag is given with no value (pflag's NoOptDefVal), e.g. `--all`. */
  noValue?: string;
}

export interface ParsedArgs {
  /** Positional arguments before `--`. */
  args: string[];
  /** Everything after `--` (the command of `kubectl exec`). */
  rest: string[] | undefined;
  /** Flag values by long name; `strings` flags collect every occurrence. */
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short!, s]));
  const parsed: ParsedArgs = { args: [], rest: undefined, flags: new Map() };
  const set = (spec: FlagSpec, value: string): void => {
    if (spec.type === 'int' && !/^-?\d+$/.test(value)) {
      throw new UsageError(
        `invalid argument "${value}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
      );
    }
    if (
      spec.type === 'bool' &&
      !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)
    ) {
      throw new UsageError(
        `invalid argument "${value}" for "${flagLabel(spec)}" flag: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`,
      );
    }
    const list = parsed.flags.get(spec.name) ?? [];
    if (spec.type === 'strings') list.push(...value.split(',').filter((v) => v !== ''));
    else if (spec.type === 'stringArray') list.push(value);
    else list.splice(0, list.length, value);
    parsed.flags.set(spec.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.rest = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byName.get(name);
      if (spec === undefined) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, arg.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noValue !== undefined) set(spec, spec.noValue);
      else {
        const value = argv[++i];
        if (value === undefined) throw new UsageError(`flag needs an argument: --${name}`);
        set(spec, value);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = byShort.get(letter);
        if (spec === undefined) throw new UsageError(`unknown shorthand flag: '${letter}' in ${arg}`);
        if (spec.type === 'bool') {
          if (arg[j + 1] === '=') {
            set(spec, arg.slice(j + 2));
            break;
          }
          set(spec, 'true');
          continue;
        }
        let value = arg.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') {
          const next = argv[++i];
          if (next === undefined) throw new UsageError(`flag needs an argument: '${letter}' in -${letter}`);
          value = next;
        }
        set(spec, value);
        break;
      }
      continue;
    }
    parsed.args.push(arg);
  }
  return parsed;
}

function flagLabel(spec: FlagSpec): string {
  return spec.short === undefined ? `--${spec.name}` : `-${spec.short}, --${spec.name}`;
}

/** Typed reads of a parse result. */
export class Flags {
  constructor(private readonly parsed: ParsedArgs) {}

  has(name: string): boolean {
    return this.parsed.flags.has(name);
  }

  string(name: string): string | undefined {
    return this.parsed.flags.get(name)?.at(-1);
  }

  strings(name: string): string[] {
    return this.parsed.flags.get(name) ?? [];
  }

  bool(name: string): boolean {
    const value = this.string(name);
    return value !== undefined && ['true', '1', 't', 'TRUE', 'True'].includes(value);
  }

  int(name: string): number | undefined {
    const value = this.string(name);
    return value === undefined ? undefined : Number(value);
  }
}

/** Go's time.ParseDuration for the forms people type (`30s`, `1m30s`, `500ms`, `2h`); undefined when malformed. */
export function parseGoDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return text === '0' ? 0 : undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (match === null) return undefined;
    total += Number(match[1]) * unit[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}
