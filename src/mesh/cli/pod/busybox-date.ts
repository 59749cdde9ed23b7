import { defineCommand, type Command } from 'just-bash';
import { civilTime, MESH_EPOCH_MS, type Clock } from '../../index';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** What `date` prints without a format, in busybox and coreutils alike: `Mon Nov 12 23:24:57 UTC 2022`. */
const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

/**
 * `date` inside a pod: the cluster's calendar time (pods run in UTC), not the learner's computer's, so a
 * script's timestamps follow the simulation. `date`, `date -u`, `date +FORMAT` with the common strftime fields.
 */
export function podDate(clock: Clock): Command {
  return defineCommand('date', (args) => {
    let format = DEFAULT_FORMAT;
    for (const arg of args) {
      if (arg === '-u' || arg === '-R' || arg === '--utc') {
        if (arg === '-R') format = '%a, %d %b %Y %H:%M:%S %z';
      } else if (arg.startsWith('+')) format = arg.slice(1);
      else return Promise.resolve({ stdout: '', stderr: `date: invalid date '${arg}'\n`, exitCode: 1 });
    }
    return Promise.resolve({ stdout: `${strftime(format, MESH_EPOCH_MS + clock.now())}\n`, stderr: '', exitCode: 0 });
  });
}

function strftime(format: string, unixMs: number): string {
  const t = civilTime(unixMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  const fields: Record<string, () => string> = {
    a: () => DAYS[t.weekday]!,
    b: () => MONTHS[t.month - 1]!,
    d: () => two(t.day),
    e: () => String(t.day).padStart(2, ' '),
    m: () => two(t.month),
    y: () => two(t.year % 100),
    Y: () => String(t.year),
    H: () => two(t.hour),
    M: () => two(t.minute),
    S: () => two(t.second),
    T: () => `${two(t.hour)}:${two(t.minute)}:${two(t.second)}`,
    F: () => `${t.year}-${two(t.month)}-${two(t.day)}`,
    s: () => String(Math.floor(unixMs / 1000)),
    Z: () => 'UTC',
    z: () => '+0000',
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (whole, field: string) => fields[field]?.() ?? whole);
}
