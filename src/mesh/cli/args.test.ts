import { describe, expect, it } from 'vitest';
import { Flags, parseArgs, parseGoDuration, UsageError } from './args';

const specs = [
  { name: 'namespace', short: 'n', type: 'string' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'stdin', short: 'i', type: 'bool' as const },
  { name: 'tty', short: 't', type: 'bool' as const },
  { name: 'filename', short: 'f', type: 'strings' as const },
];

describe('parseArgs (pflag rules)', () => {
  it('reads long, short, attached and grouped flags anywhere, and stops at --', () => {
    const parsed = parseArgs(
      ['get', '-nfoo', 'pods', '--filename=a.yaml', '-f', 'b.yaml', '-it', '--', 'curl', '-s'],
      specs,
    );
    const flags = new Flags(parsed);
    expect(parsed.args).toEqual(['get', 'pods']);
    expect(parsed.rest).toEqual(['curl', '-s']);
    expect(flags.string('namespace')).toBe('foo');
    expect(flags.strings('filename')).toEqual(['a.yaml', 'b.yaml']);
    expect(flags.bool('stdin') && flags.bool('tty')).toBe(true);
  });

  it('words unknown flags as pflag does', () => {
    expect(() => parseArgs(['--foo'], specs)).toThrow(new UsageError('unknown flag: --foo'));
    expect(() => parseArgs(['-z'], specs)).toThrow(new UsageError("unknown shorthand flag: 'z' in -z"));
    expect(() => parseArgs(['-n'], specs)).toThrow(UsageError);
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('abc')).toBeUndefined();
  });
});
