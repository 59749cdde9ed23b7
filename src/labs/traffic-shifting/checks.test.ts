import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import { band } from './page-shares';

const lab = getLab('traffic-shifting')!;
const VS = 'virtual-services.yaml';

interface Destination {
  destination: { host: string; subset: string };
  weight?: number;
}
interface Rule {
  match?: Array<Record<string, unknown>>;
  route: Destination[];
}
interface VirtualService {
  spec: { http: Rule[] };
}

/** The lab's solution with its rules edited: [kate, jason, signed in, anonymous]. */
function solutionWith(edit: (rules: Rule[]) => void): string {
  const vs = parse(lab.solution[VS]!) as VirtualService;
  edit(vs.spec.http);
  return stringify(vs);
}

/** Sets the weights of a rule's destinations by subset; a subset without a weight here is taken out. */
function weigh(rule: Rule, weights: Record<string, number>): void {
  rule.route = rule.route
    .filter((d) => weights[d.destination.subset] !== undefined)
    .map((d) => ({ ...d, weight: weights[d.destination.subset]! }));
}

/** The status of check `id` when step `step` is graded with `file` as the learner's VirtualServices. */
async function statusOf(file: string, step: string, id: string): Promise<string> {
  const report = await runChecks(lab, { [VS]: file }, { step });
  return report.results.find((r) => r.id === id)!.status;
}

describe('the tolerance band', () => {
  it('is three standard deviations of a binomial count', () => {
    expect(band(200, 20)).toEqual({ low: 24, high: 56 });
    expect(band(200, 50)).toEqual({ low: 79, high: 121 });
    expect(band(200, 0)).toEqual({ low: 0, high: 0 });
    expect(band(40, 100)).toEqual({ low: 40, high: 40 });
  });
});

describe('traffic-shifting checks', { timeout: 120_000 }, () => {
  it('catch a canary with v1 and v2 swapped, and one that leaves v3 a share', async () => {
    const swapped = solutionWith((rules) => weigh(rules[3]!, { v1: 20, v2: 80, v3: 0 }));
    expect(await statusOf(swapped, 'canary-v2', 'canary-share')).toBe('fail');
    const v3Too = solutionWith((rules) => weigh(rules[3]!, { v1: 60, v2: 20, v3: 20 }));
    expect(await statusOf(v3Too, 'canary-v2', 'canary-share')).toBe('fail');
  });

  it('accept the same canary written as 8 / 2 with v3 left out', async () => {
    const small = solutionWith((rules) => weigh(rules[3]!, { v1: 8, v2: 2 }));
    expect(small).not.toContain('weight: 80');
    expect(await statusOf(small, 'canary-v2', 'canary-share')).toBe('pass');
  });

  it('catch a signed-in rule that also catches anonymous visitors', async () => {
    // An empty entry under `match` matches every request, signed in or not.
    const broad = solutionWith((rules) => rules[2]!.match!.push({}));
    expect(await statusOf(broad, 'signed-in-half', 'anonymous-still-canary')).toBe('fail');
  });

  it('accept presence written as an empty header condition', async () => {
    const presence = solutionWith((rules) => (rules[2]!.match = [{ headers: { 'end-user': {} } }]));
    expect(presence).not.toContain('regex');
    expect(await statusOf(presence, 'signed-in-half', 'signed-in-half')).toBe('pass');
    expect(await statusOf(presence, 'signed-in-half', 'anonymous-still-canary')).toBe('pass');
  });

  it('catch one to three written as 25 / 75, which adds up to 100', async () => {
    const hundred = solutionWith((rules) => weigh(rules[0]!, { v1: 25, v2: 75 }));
    expect(await statusOf(hundred, 'break-it', 'kate-one-to-three')).toBe('pass');
    expect(await statusOf(hundred, 'break-it', 'kate-weights-not-100')).toBe('fail');
  });

  it('accept one to three written as 10 / 30', async () => {
    const tens = solutionWith((rules) => weigh(rules[0]!, { v1: 10, v2: 30 }));
    expect(await statusOf(tens, 'break-it', 'kate-one-to-three')).toBe('pass');
    expect(await statusOf(tens, 'break-it', 'kate-weights-not-100')).toBe('pass');
  });
});
