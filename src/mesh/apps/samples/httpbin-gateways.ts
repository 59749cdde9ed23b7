/**
 * httpbin behind the ingress: istio.io's ingress and authorization tasks apply these to the namespace httpbin runs
 * in (`kubectl apply -f samples/httpbin/httpbin-gateway.yaml -n foo`). Every host, every path, to httpbin:8000.
 */
export const HTTPBIN_GATEWAY_YAML = `# httpbin through the shared ingress gateway (Istio APIs): any host, any path.
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
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

/** The same with the Kubernetes Gateway API: Istio deploys a gateway of its own for this Gateway. */
export const HTTPBIN_GATEWAY_API_YAML = `# httpbin through a gateway of its own (Kubernetes Gateway API): any host, any path.
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
