import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kube-api';
import { DEFAULT_MESH_CONFIG } from './mesh-config';
import { meshConfigFrom } from './mesh-config-map';

const configMap = (mesh: string, namespace = 'istio-system'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace }, data: { mesh } }) as KubeObject;

describe('meshConfigFrom', () => {
  it("reads outboundTrafficPolicy from istio-system's istio ConfigMap", () => {
    const objects = [configMap('accessLogFile: /dev/stdout\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n')];
    expect(meshConfigFrom(objects, DEFAULT_MESH_CONFIG).outboundTrafficPolicy).toBe('REGISTRY_ONLY');
  });

  it('keeps the defaults without that ConfigMap, with another one, or with YAML it cannot read', () => {
    expect(meshConfigFrom([], DEFAULT_MESH_CONFIG)).toBe(DEFAULT_MESH_CONFIG);
    const elsewhere = configMap('outboundTrafficPolicy: {mode: REGISTRY_ONLY}', 'default');
    expect(meshConfigFrom([elsewhere], DEFAULT_MESH_CONFIG)).toBe(DEFAULT_MESH_CONFIG);
    expect(meshConfigFrom([configMap('outboundTrafficPolicy: [')], DEFAULT_MESH_CONFIG)).toBe(DEFAULT_MESH_CONFIG);
  });
});
