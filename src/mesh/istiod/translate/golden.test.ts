import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateConfigUpdate } from '../../xds';
import { buildMeshSnapshot } from '../model/snapshot';
import { parseObjects } from '../testing/objects';
import { generateProxyXds, type ProxyXds } from './generator';

/**
 * Golden tests: testdata/<case>.yaml holds a `GoldenCase` header (which proxy, which base fixtures,
 * which resources to show) and the objects applied on top; <case>.yaml.golden is the generated xDS as
 * YAML. A missing or different golden fails; only
 * `REFRESH_GOLDEN=1 npx vitest run src/mesh/istiod/translate/golden.test.ts` writes them (a new case's
 * golden included), so review the diff before committing it.
 */
interface GoldenCase {
  kind: 'GoldenCase';
  description?: string;
  proxy: string;
  base?: string[];
  show: Partial<Record<keyof ProxyXds, string[]>>;
}

const dir = join(import.meta.dirname, 'testdata');
const refresh = process.env['REFRESH_GOLDEN'] === '1';
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function nameOf(kind: keyof ProxyXds, r: unknown): string {
  const o = r as Record<string, unknown>;
  return String(kind === 'endpoints' ? o['cluster_name'] : o['name']);
}

describe('golden xDS', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));
  for (const file of cases) {
    it(file.replace(/\.yaml$/, ''), () => {
      const [header, ...objects] = parseObjects(readFileSync(join(dir, file), 'utf8'));
      const spec = header as unknown as GoldenCase;
      expect(spec.kind).toBe('GoldenCase');
      const base = (spec.base ?? []).flatMap((b) => parseObjects(readFileSync(join(dir, 'base', `${b}.yaml`), 'utf8')));
      const snapshot = buildMeshSnapshot([...base, ...objects]);
      const xds = generateProxyXds(snapshot, spec.proxy);
      // Everything generated must have a structure a proxy accepts, not only the part shown. The HTTP filters'
      // own checks of their configs live in envoy: src/mesh/cluster/istiod-xds-accepted.test.ts runs them.
      expect(validateConfigUpdate(xds)).toEqual([]);
      const shown: Record<string, unknown[]> = {};
      for (const [kind, names] of Object.entries(spec.show) as Array<[keyof ProxyXds, string[]]>) {
        const all = xds[kind] as unknown[];
        shown[kind] = names.includes('*')
          ? all
          : names.map((n) => all.find((r) => nameOf(kind, r) === n) ?? { missing: n });
      }
      const text = stringify(shown, { lineWidth: 0, aliasDuplicateObjects: false });
      const goldenPath = join(dir, `${file}.golden`);
      if (refresh) writeFileSync(goldenPath, text);
      else if (!existsSync(goldenPath))
        expect.fail(`testdata/${file}.golden is missing: write it with REFRESH_GOLDEN=1 (see the comment above)`);
      expect(text).toBe(readFileSync(goldenPath, 'utf8'));
    });
  }
});
