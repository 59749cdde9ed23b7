/**
 * `samples/bookinfo/demo-profile-no-gateways.yaml`: the IstioOperator istio.io's getting-started page installs
 * with `istioctl install -f`: the demo profile (access logs on) without the classic ingress and egress
 * gateways, since that page uses the Kubernetes Gateway API instead.
 */
export const DEMO_PROFILE_NO_GATEWAYS_YAML = `# The demo profile without Istio's own gateways, for the Gateway API tasks.
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  profile: demo
  components:
    ingressGateways:
    - name: istio-ingressgateway
      enabled: false
    egressGateways:
    - name: istio-egressgateway
      enabled: false
`;
