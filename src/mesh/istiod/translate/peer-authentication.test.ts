import { describe, expect, it } from 'vitest';
import { istio } from '../testing/objects';
import type { PeerAuthenticationSpec } from '../model/istio-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { effectiveMtlsMode, namespaceMtlsMode } from './peer-authentication';

const pa = (name: string, namespace: string, spec: PeerAuthenticationSpec, creationTimestamp?: string) =>
  istio(
    'PeerAuthentication',
    name,
    spec,
    creationTimestamp === undefined ? { namespace } : { namespace, creationTimestamp },
  );
const httpbin = { namespace: 'foo', labels: { app: 'httpbin' } };

describe('PeerAuthentication precedence', () => {
  it('is PERMISSIVE with no policy at all', () => {
    expect(effectiveMtlsMode(buildMeshSnapshot([]), httpbin, 8080)).toBe('PERMISSIVE');
  });

  it('takes mesh < namespace < workload', () => {
    const mesh = pa('default', 'istio-system', { mtls: { mode: 'STRICT' } });
    const ns = pa('default', 'foo', { mtls: { mode: 'PERMISSIVE' } });
    const wl = pa('httpbin', 'foo', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } });
    expect(effectiveMtlsMode(buildMeshSnapshot([mesh]), httpbin)).toBe('STRICT');
    expect(effectiveMtlsMode(buildMeshSnapshot([mesh, ns]), httpbin)).toBe('PERMISSIVE');
    expect(effectiveMtlsMode(buildMeshSnapshot([mesh, ns, wl]), httpbin)).toBe('DISABLE');
    expect(effectiveMtlsMode(buildMeshSnapshot([mesh, ns, wl]), { namespace: 'foo', labels: { app: 'sleep' } })).toBe(
      'PERMISSIVE',
    );
    expect(effectiveMtlsMode(buildMeshSnapshot([mesh, ns, wl]), { namespace: 'bar', labels: { app: 'httpbin' } })).toBe(
      'STRICT',
    );
  });

  it('inherits through UNSET', () => {
    const mesh = pa('default', 'istio-system', { mtls: { mode: 'STRICT' } });
    const wl = pa('httpbin', 'foo', {
      selector: { matchLabels: { app: 'httpbin' } },
      mtls: { mode: 'UNSET' },
      portLevelMtls: { '80': { mode: 'UNSET' } },
    });
    expect(effectiveMtlsMode(buildMeshSnapshot([mesh, wl]), httpbin, 80)).toBe('STRICT');
  });

  it('applies portLevelMtls of the workload policy to that workload port only', () => {
    const wl = pa('httpbin', 'foo', {
      selector: { matchLabels: { app: 'httpbin' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { '8080': { mode: 'DISABLE' } },
    });
    const snap = buildMeshSnapshot([wl]);
    expect(effectiveMtlsMode(snap, httpbin, 8080)).toBe('DISABLE');
    expect(effectiveMtlsMode(snap, httpbin, 9090)).toBe('STRICT');
    expect(effectiveMtlsMode(snap, httpbin)).toBe('STRICT');
  });

  it('ignores portLevelMtls on namespace-wide policies (Istio needs a selector for it)', () => {
    const ns = pa('default', 'foo', { mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'DISABLE' } } });
    expect(effectiveMtlsMode(buildMeshSnapshot([ns]), httpbin, 8080)).toBe('STRICT');
  });

  it('uses the oldest of several matching workload policies', () => {
    const older = pa(
      'a-old',
      'foo',
      { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } },
      '2026-01-01T00:00:00Z',
    );
    const newer = pa(
      'b-new',
      'foo',
      { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' } },
      '2026-01-02T00:00:00Z',
    );
    expect(effectiveMtlsMode(buildMeshSnapshot([newer, older]), httpbin)).toBe('DISABLE');
  });

  it('computes the namespace mode auto mTLS uses from mesh and namespace policies only', () => {
    const wl = pa('httpbin', 'foo', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } });
    expect(namespaceMtlsMode(buildMeshSnapshot([wl]), 'foo')).toBe('PERMISSIVE');
    expect(namespaceMtlsMode(buildMeshSnapshot([pa('default', 'foo', { mtls: { mode: 'DISABLE' } })]), 'foo')).toBe(
      'DISABLE',
    );
  });
});
