/**
 * The GatewayClasses istiod creates once the Gateway API's CRDs exist (pilot/pkg/config/kube/gateway's
 * class controller): `istio` for gateways istiod deploys and programs, `istio-remote` for gateways that run
 * elsewhere, `istio-waypoint` for waypoints. Each is Accepted by its controller.
 */
export const ISTIO_GATEWAY_CONTROLLER = 'istio.io/gateway-controller';

interface BuiltinClass {
  readonly name: string;
  readonly controllerName: string;
}

export const BUILTIN_GATEWAY_CLASSES: readonly BuiltinClass[] = [
  { name: 'istio', controllerName: ISTIO_GATEWAY_CONTROLLER },
  { name: 'istio-remote', controllerName: 'istio.io/unmanaged-gateway' },
  { name: 'istio-waypoint', controllerName: 'istio.io/mesh-controller' },
];

/** The class as istiod writes it, less its `description`, which the API server's GatewayClass model lacks. */
export function gatewayClassManifest(c: BuiltinClass): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: c.name },
    spec: { controllerName: c.controllerName },
  };
}
