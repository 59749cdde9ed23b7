import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import type { CheckReport } from '../schema';

const lab = getLab('http-filter')!;
const YAML = lab.solution['tenant-guard.yaml']!;

async function report(code: string): Promise<CheckReport> {
  return runChecks(lab, { 'tenant-guard.ts': code, 'tenant-guard.yaml': YAML });
}
const statuses = (r: CheckReport) => Object.fromEntries(r.results.map((x) => [x.id, x.status]));

// A differently written but correct filter: a class, its own reply headers, and a config it refuses to be built
// with (the proxies NACK the listener, as a real Envoy does with a config that does not validate).
const VARIANT = `
import type { FilterContext, FilterRequest, FilterResponse, HttpFilter, HttpFilterFactory } from './filter-types';
class Guard implements HttpFilter {
  constructor(private readonly allowed: ReadonlySet<string>, private readonly context: FilterContext) {}
  decodeHeaders(request: FilterRequest) {
    const t = request.headers['x-tenant'];
    if (t === undefined || this.allowed.has(t)) return 'continue' as const;
    this.context.count('rejected');
    return { status: 400, body: 'no such tenant ' + JSON.stringify(t), headers: { 'X-Guard': 'tenant' } };
  }
  encodeHeaders(request: FilterRequest, response: FilterResponse) {
    response.headers['X-Dojo-Tenant'] = request.headers['x-tenant'] || 'none';
  }
}
export const tenantGuard: HttpFilterFactory<{ tenants: string[] }> = {
  name: 'meshdojo.tenant_guard',
  createFilter(config, context) {
    if (!Array.isArray(config?.tenants)) throw new Error('tenants: a list is required');
    return new Guard(new Set(config.tenants), context);
  },
};
`;

describe('the http-filter checks', { timeout: 60_000 }, () => {
  it('all fail on the starter', async () => {
    const result = statuses(await report(lab.starter['tenant-guard.ts']!));
    for (const id of lab.checks.map((c) => c.id)) expect(result[id], id).not.toBe('pass');
  });

  it('pass a correct filter written another way, which refuses a config without tenants', async () => {
    const r = await report(VARIANT);
    expect(r.results.filter((x) => x.status !== 'pass').map((x) => [x.id, x.seen?.en])).toEqual([]);
  });

  it('catch hard-coded tenants and a filter that forgets to count', async () => {
    const solution = lab.solution['tenant-guard.ts']!;
    const hardCoded = statuses(
      await report(solution.replace('tenants.has(tenant)', "['blue', 'green'].includes(tenant)")),
    );
    expect(hardCoded['rejects-unknown-tenant']).toBe('fail');
    expect(hardCoded['guards-httpbin']).toBe('pass');
    const uncounted = statuses(await report(solution.replace("context.count('rejected');", '')));
    expect(uncounted['counts-rejections']).toBe('fail');
    expect(uncounted['rejects-unknown-tenant']).toBe('pass');
  });

  it('turn a filter that throws, answers with a Promise or nothing into a 500 that names it, never a hang', async () => {
    const solution = lab.solution['tenant-guard.ts']!;
    const variants = {
      throws: solution.replace("return 'continue';", "throw new Error('tenant store offline');"),
      promise: solution.replace("return 'continue';", 'return new Promise(() => {}) as never;'),
      nothing: solution.replace("return 'continue';", 'return undefined as never;'),
    };
    const reasons = {
      throws: 'HTTP filter meshdojo.tenant_guard plugin failed: tenant store offline',
      promise: "decodeHeaders returned a Promise: return 'continue' or a local reply { status, body }",
      nothing: 'decodeHeaders returned undefined',
    };
    for (const [name, code] of Object.entries(variants)) {
      const r = await report(code);
      const stamped = r.results.find((x) => x.id === 'stamps-tenant-header')!;
      expect(stamped.status, name).toBe('fail');
      expect(stamped.seen?.en, name).toContain('500');
      expect(stamped.seen?.en, name).toContain(reasons[name as keyof typeof reasons]);
    }
  });

  it('say what is missing when the module exports no filter', async () => {
    const r = await report('export const somethingElse = 1;');
    expect(r.results[0]?.seen?.en).toBe('tenant-guard.ts exports no tenantGuard');
  });
});
