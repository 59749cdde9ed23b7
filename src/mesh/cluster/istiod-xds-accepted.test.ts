import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { validateProxyConfig } from '../envoy';
import { buildMeshSnapshot, generateProxyXds, type KubeObject } from '../istiod';

/**
 * istiod's own tests check what it generates against xds's structure only: istiod cannot import envoy, and
 * each HTTP filter's config is checked by the filter (envoy/filters). Here, where both layers meet, every
 * istiod golden case goes through the proxy's full validation, for every proxy of the case's mesh.
 */
const dir = join(import.meta.dirname, '..', 'istiod', 'translate', 'testdata');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function objects(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as unknown)
    .filter((o): o is KubeObject => typeof o === 'object' && o !== null && 'kind' in o);
}

describe('what istiod generates for the golden cases, every proxy accepts', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));
  for (const file of cases) {
    it(file.replace(/\.yaml$/, ''), () => {
      const [header, ...rest] = objects(join(dir, file));
      const base = ((header as unknown as { base?: string[] }).base ?? []).flatMap((b) =>
        objects(join(dir, 'base', `${b}.yaml`)),
      );
      const snapshot = buildMeshSnapshot([...base, ...rest]);
      for (const proxy of snapshot.proxies)
        expect(validateProxyConfig(generateProxyXds(snapshot, proxy)), proxy.id).toEqual([]);
    });
  }
});
