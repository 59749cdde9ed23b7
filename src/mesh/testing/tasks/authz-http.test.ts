import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/latest/docs/tasks/security/authorization/authz-http/
describe('istio.io task: authorization for HTTP traffic', () => {
  let s: MeshSession;
  const policy = (name: string, app: string, rules: string): string => `kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: "${name}"
  namespace: default
spec:
  selector:
    matchLabels:
      app: ${app}
  action: ALLOW
  rules:
${rules}
EOF`;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
    await s.ok(
      "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
    );
  });
  afterAll(() => s.dispose());

  it('allow-nothing: RBAC: access denied', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: default
spec:
  {}
EOF`);
    expect(await s.ok('curl -s http://$GATEWAY_URL/productpage')).toBe('RBAC: access denied');
    expect(await s.ok('curl -s -o /dev/null -w "%{http_code}\\n" http://$GATEWAY_URL/productpage')).toBe('403\n');
  });

  it('productpage-viewer: the page loads, details and reviews are denied', async () => {
    await s.ok(policy('productpage-viewer', 'productpage', '  - to:\n    - operation:\n        methods: ["GET"]'));
    const page = await s.ok('curl -s http://$GATEWAY_URL/productpage');
    expect(page).toContain('Error fetching product details');
    expect(page).toContain('Error fetching product reviews');
  });

  it('details-viewer and reviews-viewer: both load, ratings unavailable', async () => {
    await s.ok(
      policy(
        'details-viewer',
        'details',
        '  - from:\n    - source:\n        principals: ["cluster.local/ns/default/sa/bookinfo-productpage"]\n    to:\n    - operation:\n        methods: ["GET"]',
      ),
    );
    await s.ok(
      policy(
        'reviews-viewer',
        'reviews',
        '  - from:\n    - source:\n        principals: ["cluster.local/ns/default/sa/bookinfo-productpage"]\n    to:\n    - operation:\n        methods: ["GET"]',
      ),
    );
    const pages = await s.ok('for i in $(seq 1 6); do curl -s http://$GATEWAY_URL/productpage; done');
    expect(pages).toContain('Book Details');
    expect(pages).toContain('Book Reviews');
    expect(pages).toContain('Ratings service is currently unavailable');
  });

  it('ratings-viewer: stars come back', async () => {
    await s.ok(
      policy(
        'ratings-viewer',
        'ratings',
        '  - from:\n    - source:\n        principals: ["cluster.local/ns/default/sa/bookinfo-reviews"]\n    to:\n    - operation:\n        methods: ["GET"]',
      ),
    );
    const pages = await s.ok('for i in $(seq 1 6); do curl -s http://$GATEWAY_URL/productpage; done');
    expect(pages).toMatch(/glyphicon-star/);
    expect(pages).not.toContain('Ratings service is currently unavailable');
  });

  it('clean up', async () => {
    const out = await s.ok(`kubectl delete authorizationpolicy.security.istio.io/allow-nothing
kubectl delete authorizationpolicy.security.istio.io/productpage-viewer
kubectl delete authorizationpolicy.security.istio.io/details-viewer
kubectl delete authorizationpolicy.security.istio.io/reviews-viewer
kubectl delete authorizationpolicy.security.istio.io/ratings-viewer`);
    expect(out).toContain('authorizationpolicy.security.istio.io "allow-nothing" deleted');
  });
});
