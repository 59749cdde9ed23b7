import { describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION } from './apply';
import { formatKubectlErrors, type KubeError } from './errors';
import { docs, lines, REVIEWS, REVIEWS_DR, REVIEWS_VS, testCluster } from './testing/fixtures';

const ns = { namespace: 'default' };

describe('kubectl apply: created / configured / unchanged', () => {
  it('creates, then reports unchanged for the same file, configured for an edit', () => {
    const { kube } = testCluster();
    expect(lines(kube.applyAll(docs(REVIEWS), ns))).toEqual([
      'service/reviews created',
      'deployment.apps/reviews-v1 created',
    ]);
    expect(lines(kube.applyAll(docs(REVIEWS), ns))).toEqual([
      'service/reviews unchanged',
      'deployment.apps/reviews-v1 unchanged',
    ]);
    const edited = REVIEWS.replace('replicas: 1', 'replicas: 2');
    expect(lines(kube.applyAll(docs(edited), ns))).toEqual([
      'service/reviews unchanged',
      'deployment.apps/reviews-v1 configured',
    ]);
  });

  it('records the last-applied configuration as kubectl writes it', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    kube.applyAll(docs(REVIEWS_DR), ns);
    const dr = kube.get('dr', 'default', 'reviews')!;
    expect(dr.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"annotations":{},"name":"reviews","namespace":"default"},' +
        '"spec":{"host":"reviews","subsets":[{"labels":{"version":"v1"},"name":"v1"},{"labels":{"version":"v3"},"name":"v3"}]}}\n',
    );
  });

  it('drops a field removed from the file but keeps what the server set (three-way merge)', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS.replace('    service: reviews\n', '    service: reviews\n    extra: yes\n')), ns);
    const before = kube.get('svc', 'default', 'reviews')!;
    expect(before.metadata.labels?.extra).toBe('yes');
    expect(lines(kube.applyAll(docs(REVIEWS), ns))[0]).toBe('service/reviews configured');
    const after = kube.get<{ spec: { clusterIP: string } } & ReturnType<typeof kube.get>>('svc', 'default', 'reviews')!;
    expect(after.metadata.labels?.extra).toBeUndefined();
    expect((after.spec as { clusterIP: string }).clusterIP).toBe((before.spec as { clusterIP: string }).clusterIP);
  });

  it('bumps resourceVersion on every write and generation only on spec changes', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    const first = kube.get('deploy', 'default', 'reviews-v1')!;
    expect(first.metadata.generation).toBe(1);
    kube.label('deploy', 'reviews-v1', { team: 'books' }, ns);
    const labelled = kube.get('deploy', 'default', 'reviews-v1')!;
    expect(Number(labelled.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    expect(labelled.metadata.generation).toBe(1);
    kube.scale('deploy', 'reviews-v1', 3, ns);
    expect(kube.get('deploy', 'default', 'reviews-v1')!.metadata.generation).toBe(2);
  });

  it('warns when the live object was not created by apply', () => {
    const { kube } = testCluster();
    kube.createAll(docs(REVIEWS), ns);
    const [svc] = kube.applyAll(docs(REVIEWS), ns);
    expect(svc?.warnings[0]).toMatch(
      /^Warning: resource services\/reviews is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/,
    );
  });
});

describe('kubectl apply: refusals', () => {
  it('applies the valid objects of a stream and refuses the invalid one by name and field', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    const stream = `${REVIEWS_DR}---${REVIEWS_VS.replace('weight: 50\n    - destination', 'weight: "string"\n    - destination')}---${REVIEWS}`;
    const results = kube.applyAll(docs(stream), ns);
    expect(lines(results)).toEqual([
      'destinationrule.networking.istio.io/reviews created',
      'The VirtualService "reviews" is invalid: spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"',
      'service/reviews created',
      'deployment.apps/reviews-v1 created',
    ]);
    expect(kube.get('vs', 'default', 'reviews')).toBeUndefined();
    const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(formatKubectlErrors([...errors, ...errors])).toContain(
      'Error from server (Invalid): error when creating "STDIN": VirtualService.networking.istio.io "reviews" is invalid: spec.http[0].route[0].weight',
    );
  });

  it('rejects unknown fields of custom resources with a strict decoding error', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    const [result] = kube.applyAll(docs(REVIEWS_VS.replace('  - route:', '  - rout:')), ns);
    expect(result?.ok).toBe(false);
    expect((result as { error: KubeError }).error.message).toBe(
      'Error from server (BadRequest): error when creating "STDIN": VirtualService in version "v1" cannot be handled as a VirtualService: ' +
        'strict decoding error: unknown field "spec.http[0].rout"',
    );
  });

  it('rejects unknown fields and wrong types of built-in kinds as the Go decoder does', () => {
    const { kube } = testCluster();
    const typo = REVIEWS.replace('        imagePullPolicy', '        imagee: x\n        imagePullPolicy');
    expect(lines(kube.applyAll(docs(typo), ns))[1]).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: ' +
        'strict decoding error: unknown field "spec.template.spec.containers[0].imagee"',
    );
    const wrongType = REVIEWS.replace('replicas: 1', 'replicas: "one"');
    expect(lines(kube.applyAll(docs(wrongType), ns))[1]).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: ' +
        'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('refuses a Deployment whose selector does not match its template', () => {
    const { kube } = testCluster();
    const bad = REVIEWS.replace('      version: v1\n  template', '      version: v2\n  template');
    expect(lines(kube.applyAll(docs(bad), ns))[1]).toBe(
      'The Deployment "reviews-v1" is invalid: spec.template.metadata.labels: Invalid value: ' +
        'map[string]string{"app":"reviews", "version":"v1"}: `selector` does not match template `labels`',
    );
  });

  it('refuses to change a Deployment selector', () => {
    const { kube } = testCluster();
    kube.applyAll(docs(REVIEWS), ns);
    const changed = REVIEWS.replace(/version: v1/g, 'version: v2');
    expect(lines(kube.applyAll(docs(changed), ns))[1]).toBe(
      'The Deployment "reviews-v1" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"reviews", ' +
        '"version":"v2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('knows no Istio kinds before the CRDs are installed', () => {
    const { kube } = testCluster();
    const [result] = kube.applyAll(docs(REVIEWS_VS), ns);
    expect((result as { error: KubeError }).error.message).toBe(
      'error: resource mapping not found for name: "reviews" namespace: "" from "STDIN": no matches for kind "VirtualService" ' +
        'in version "networking.istio.io/v1"\nensure CRDs are installed first',
    );
    expect(kube.resolveResource('vs')).toBeUndefined();
    kube.installIstioCrds();
    expect(lines(kube.applyAll(docs(REVIEWS_VS), ns))).toEqual(['virtualservice.networking.istio.io/reviews created']);
  });

  it('reports an unknown kind the way kubectl does', () => {
    const { kube } = testCluster();
    const [result] = kube.applyAll([{ apiVersion: 'bar/v1', kind: 'Foo', metadata: { name: 'x' } }], ns);
    expect((result as { error: KubeError }).error.message).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "bar/v1"\nensure CRDs are installed first',
    );
  });

  it('refuses objects in a namespace that does not exist', () => {
    const { kube } = testCluster();
    const [svc] = kube.applyAll(docs(REVIEWS), { namespace: 'foo' });
    expect((svc as { error: KubeError }).error.message).toBe(
      'Error from server (NotFound): error when creating "STDIN": namespaces "foo" not found',
    );
  });

  it('refuses a file that names another namespace than -n', () => {
    const { kube } = testCluster();
    const [result] = kube.applyAll(
      docs(REVIEWS.replace('  name: reviews\n  labels', '  name: reviews\n  namespace: other\n  labels')),
      {
        namespace: 'default',
        enforceNamespace: true,
      },
    );
    expect((result as { error: KubeError }).error.message).toBe(
      `error: the namespace from the provided object "other" does not match the namespace "default". You must pass '--namespace=other' to perform this operation.`,
    );
  });

  it('reports an invalid Service port as a field error', () => {
    const { kube } = testCluster();
    const [result] = kube.applyAll(docs(REVIEWS.replace('port: 9080', 'port: 99999')), ns);
    expect((result as { error: KubeError }).error.message).toBe(
      'The Service "reviews" is invalid: spec.ports[0].port: Invalid value: 99999: must be between 1 and 65535, inclusive',
    );
  });
});

describe('Istio versions', () => {
  it('accepts v1, v1beta1 and v1alpha3 and stores one object in the preferred version', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    for (const version of ['v1alpha3', 'v1beta1', 'v1']) {
      const results = kube.applyAll(
        docs(REVIEWS_VS.replace('networking.istio.io/v1', `networking.istio.io/${version}`)),
        ns,
      );
      expect(results[0]?.ok).toBe(true);
    }
    const stored = kube.list('virtualservices', 'default');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.apiVersion).toBe('networking.istio.io/v1');
    expect(
      lines(
        kube.applyAll(
          docs(`apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT`),
          ns,
        ),
      ),
    ).toEqual(['peerauthentication.security.istio.io/default created']);
  });

  it('names the allowed values of an enum', () => {
    const { kube } = testCluster();
    kube.installIstioCrds();
    const [result] = kube.applyAll(
      docs(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICTER`),
      ns,
    );
    expect((result as { error: KubeError }).error.message).toBe(
      'The PeerAuthentication "default" is invalid: spec.mtls.mode: Unsupported value: "STRICTER": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"',
    );
  });
});
