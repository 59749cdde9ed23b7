import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/kube-api';
import { DEFAULT_MESH_CONFIG, type MeshConfig } from '../model/mesh-config';
import { buildMeshSnapshot } from '../model/snapshot';
import { accessLogsFor } from './access-log';

const pod = (name: string, labels: Record<string, string>): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels, annotations: { 'sidecar.istio.io/status': '{}' } },
    spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] },
    status: { podIP: '10.0.0.1', phase: 'Running' },
  }) as unknown as KubeObject;

const telemetry = (name: string, namespace: string, spec: Record<string, unknown>, age = 0): KubeObject =>
  ({
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name, namespace, creationTimestamp: `2026-01-01T00:00:0${age}Z` },
    spec,
  }) as unknown as KubeObject;

function logs(objects: KubeObject[], mode: 'CLIENT' | 'SERVER' = 'CLIENT', mesh: MeshConfig = DEFAULT_MESH_CONFIG) {
  const snapshot = buildMeshSnapshot([pod('app-1', { app: 'app' }), ...objects], mesh);
  return accessLogsFor(snapshot, snapshot.proxies[0]!, mode).map((l) => ({
    path: (l.typed_config as { path: string }).path,
    filter: l.filter?.extension_filter?.typed_config?.expression,
  }));
}

describe('accessLogsFor: the Telemetry API over meshConfig', () => {
  it('no Telemetry: meshConfig.accessLogFile decides', () => {
    expect(logs([])).toEqual([]);
    expect(logs([], 'CLIENT', { ...DEFAULT_MESH_CONFIG, accessLogFile: '/dev/stdout' })).toEqual([
      { path: '/dev/stdout', filter: undefined },
    ]);
  });

  it('mesh-wide on, workload disabled; a namespace entry with a filter narrows it', () => {
    const mesh = telemetry('mesh-default', 'istio-system', { accessLogging: [{ providers: [{ name: 'envoy' }] }] });
    expect(logs([mesh])).toEqual([{ path: '/dev/stdout', filter: undefined }]);
    const off = telemetry('off', 'default', {
      selector: { matchLabels: { app: 'app' } },
      accessLogging: [{ disabled: true }],
    });
    expect(logs([mesh, off])).toEqual([]);
    const errors = telemetry('errors', 'default', {
      accessLogging: [{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >= 400' } }],
    });
    expect(logs([mesh, errors])).toEqual([{ path: '/dev/stdout', filter: 'response.code >= 400' }]);
  });

  it('match.mode limits an entry to the client or the server side', () => {
    const server = telemetry('server', 'istio-system', {
      accessLogging: [{ providers: [{ name: 'envoy' }], match: { mode: 'SERVER' } }],
    });
    expect(logs([server], 'CLIENT')).toEqual([]);
    expect(logs([server], 'SERVER')).toHaveLength(1);
  });

  it('a provider that is not a file logger, or does not exist, logs nothing', () => {
    const t = telemetry('x', 'istio-system', {
      accessLogging: [{ providers: [{ name: 'prometheus' }, { name: 'nope' }] }],
    });
    expect(logs([t])).toEqual([]);
  });
});
