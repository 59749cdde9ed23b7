/** samples/httpbin/httpbin-gateway.yaml: httpbin behind the default ingress gateway, every path, any host. */
export const HTTPBIN_GATEWAY_YAML = `# Exposes httpbin (port 8000) through the istio-ingressgateway on port 80, for any host name.
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  # Istio's default ingress gateway pods carry this label.
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*"
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - "*"
  gateways:
  - httpbin-gateway
  http:
  - route:
    - destination:
        host: httpbin
        port:
          number: 8000
`;

/** samples/httpbin/gateway-api/httpbin-gateway.yaml: the same with a Gateway API Gateway and HTTPRoute. */
export const HTTPBIN_GATEWAY_API_YAML = `# Exposes httpbin (port 8000) through a Gateway API gateway listening on port 80.
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: Same
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: httpbin
spec:
  parentRefs:
  - name: httpbin-gateway
  rules:
  - backendRefs:
    - name: httpbin
      port: 8000
`;
