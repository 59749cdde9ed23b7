import { describe, expect, it } from 'vitest';
import { applyGatewayApiDefaults } from './gateway-api-defaults';
import type { KubeObject } from './types';

const route = (kind: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind,
  metadata: {
    name: 'r',
    namespace: 'default',
    uid: 'u',
    resourceVersion: '1',
    generation: 1,
    creationTimestamp: '2026-01-01T00:00:00Z',
  },
  spec,
});

describe('the Gateway API CRDs’ schema defaults', () => {
  it('an HTTPRoute: parents are Gateways, backends Services of weight 1, no rule or match means every path', () => {
    const empty = route('HTTPRoute', { parentRefs: [{ name: 'gw' }] });
    applyGatewayApiDefaults(empty);
    expect(empty.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }],
    });
    const r = route('HTTPRoute', {
      parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
      rules: [
        {
          matches: [{ headers: [{ name: 'end-user', value: 'jason' }] }],
          backendRefs: [{ name: 'v2', port: 9080, weight: 0 }],
        },
      ],
    });
    applyGatewayApiDefaults(r);
    expect(r.spec).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
      rules: [
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/' },
              headers: [{ name: 'end-user', value: 'jason', type: 'Exact' }],
            },
          ],
          backendRefs: [{ group: '', kind: 'Service', name: 'v2', port: 9080, weight: 0 }],
        },
      ],
    });
    const again = structuredClone(r.spec);
    applyGatewayApiDefaults(r);
    expect(r.spec).toEqual(again);
  });

  it('a Gateway listener admits routes of its own namespace; an Istio Gateway is left alone', () => {
    const gw = route('Gateway', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] });
    applyGatewayApiDefaults(gw);
    expect(gw.spec).toEqual({
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }],
    });
    const istio = { ...route('Gateway', { servers: [] }), apiVersion: 'networking.istio.io/v1' };
    applyGatewayApiDefaults(istio);
    expect(istio.spec).toEqual({ servers: [] });
  });
});
