import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { isKnownImage } from '../images';
import { SAMPLE_FILES } from './index';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are free-form YAML
type Doc = any;

function docs(path: string): Doc[] {
  const text = SAMPLE_FILES[path];
  if (text === undefined) throw new Error(`no sample ${path}`);
  return parseAllDocuments(text)
    .map((doc) => {
      expect(doc.errors, path).toEqual([]);
      return doc.toJS() as Doc;
    })
    .filter((doc) => doc !== null);
}

const names = (list: Doc[], kind: string): string[] => list.filter((d) => d.kind === kind).map((d) => d.metadata.name);
const byName = (list: Doc[], kind: string, name: string): Doc =>
  list.find((d) => d.kind === kind && d.metadata.name === name);

describe('sample manifests', () => {
  it('all manifests parse as YAML and every container image is one the simulator runs', () => {
    for (const path of Object.keys(SAMPLE_FILES).filter((p) => /\.ya?ml$/.test(p))) {
      for (const doc of docs(path)) {
        expect(doc.apiVersion, path).toBeTypeOf('string');
        for (const container of doc.spec?.template?.spec?.containers ?? [])
          expect(isKnownImage(container.image), container.image).toBe(true);
      }
    }
  });

  it('bookinfo.yaml defines the four services, their accounts and six deployments', () => {
    const bookinfo = docs('samples/bookinfo/platform/kube/bookinfo.yaml');
    expect(names(bookinfo, 'Service')).toEqual(['details', 'ratings', 'reviews', 'productpage']);
    expect(names(bookinfo, 'ServiceAccount')).toEqual([
      'bookinfo-details',
      'bookinfo-ratings',
      'bookinfo-reviews',
      'bookinfo-productpage',
    ]);
    expect(names(bookinfo, 'Deployment')).toEqual([
      'details-v1',
      'ratings-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
      'productpage-v1',
    ]);
    for (const service of bookinfo.filter((d) => d.kind === 'Service')) {
      expect(service.apiVersion).toBe('v1');
      expect(service.metadata.labels).toEqual({ app: service.metadata.name, service: service.metadata.name });
      expect(service.spec.ports).toEqual([{ port: 9080, name: 'http' }]);
      expect(service.spec.selector).toEqual({ app: service.metadata.name });
    }
    const v3 = byName(bookinfo, 'Deployment', 'reviews-v3');
    expect(v3.apiVersion).toBe('apps/v1');
    expect(v3.spec.selector.matchLabels).toEqual({ app: 'reviews', version: 'v3' });
    expect(v3.spec.template.metadata.labels).toEqual({ app: 'reviews', version: 'v3' });
    expect(v3.spec.template.spec.serviceAccountName).toBe('bookinfo-reviews');
    expect(v3.spec.template.spec.containers[0]).toMatchObject({
      name: 'reviews',
      image: 'docker.io/istio/examples-bookinfo-reviews-v3:1.20.3',
      ports: [{ containerPort: 9080 }],
    });
  });

  it('the gateway sample exposes productpage routes on port 8080', () => {
    const [gateway, vs] = docs('samples/bookinfo/networking/bookinfo-gateway.yaml');
    expect(gateway).toMatchObject({
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      },
    });
    expect(vs.metadata.name).toBe('bookinfo');
    expect(vs.spec.gateways).toEqual(['bookinfo-gateway']);
    expect(vs.spec.http[0].match).toEqual([
      { uri: { exact: '/productpage' } },
      { uri: { prefix: '/static' } },
      { uri: { exact: '/login' } },
      { uri: { exact: '/logout' } },
      { uri: { prefix: '/api/v1/products' } },
    ]);
    expect(vs.spec.http[0].route).toEqual([{ destination: { host: 'productpage', port: { number: 9080 } } }]);
  });

  it('destination rules name the version subsets, with ISTIO_MUTUAL in the mtls variant', () => {
    const plain = docs('samples/bookinfo/networking/destination-rule-all.yaml');
    expect(names(plain, 'DestinationRule')).toEqual(['productpage', 'reviews', 'ratings', 'details']);
    expect(byName(plain, 'DestinationRule', 'reviews').spec.subsets).toEqual([
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' } },
      { name: 'v3', labels: { version: 'v3' } },
    ]);
    const mtls = docs('samples/bookinfo/networking/destination-rule-all-mtls.yaml');
    for (const rule of mtls) expect(rule.spec.trafficPolicy).toEqual({ tls: { mode: 'ISTIO_MUTUAL' } });
  });

  it('the routing samples say what the tasks rely on', () => {
    const allV1 = docs('samples/bookinfo/networking/virtual-service-all-v1.yaml');
    expect(names(allV1, 'VirtualService')).toEqual(['productpage', 'reviews', 'ratings', 'details']);
    for (const vs of allV1)
      expect(vs.spec.http).toEqual([{ route: [{ destination: { host: vs.metadata.name, subset: 'v1' } }] }]);

    const [testV2] = docs('samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml');
    expect(testV2.spec.http).toEqual([
      {
        match: [{ headers: { 'end-user': { exact: 'jason' } } }],
        route: [{ destination: { host: 'reviews', subset: 'v2' } }],
      },
      { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
    ]);
    const weights = (file: string) =>
      docs(`samples/bookinfo/networking/${file}`)[0].spec.http[0].route.map((r: Doc) => [
        r.destination.subset,
        r.weight,
      ]);
    expect(weights('virtual-service-reviews-50-v3.yaml')).toEqual([
      ['v1', 50],
      ['v3', 50],
    ]);
    expect(weights('virtual-service-reviews-90-10.yaml')).toEqual([
      ['v1', 90],
      ['v2', 10],
    ]);
    expect(weights('virtual-service-reviews-80-20.yaml')).toEqual([
      ['v1', 80],
      ['v2', 20],
    ]);
    expect(weights('virtual-service-reviews-v2-v3.yaml')).toEqual([
      ['v2', 50],
      ['v3', 50],
    ]);
    expect(weights('virtual-service-reviews-v3.yaml')).toEqual([['v3', undefined]]);
    const [jason] = docs('samples/bookinfo/networking/virtual-service-reviews-jason-v2-v3.yaml');
    expect(jason.spec.http[1].route[0].destination.subset).toBe('v3');

    const [delay] = docs('samples/bookinfo/networking/virtual-service-ratings-test-delay.yaml');
    expect(delay.spec.http[0]).toMatchObject({
      match: [{ headers: { 'end-user': { exact: 'jason' } } }],
      fault: { delay: { percentage: { value: 100 }, fixedDelay: '7s' } },
      route: [{ destination: { host: 'ratings', subset: 'v1' } }],
    });
    expect(delay.spec.http[1]).toEqual({ route: [{ destination: { host: 'ratings', subset: 'v1' } }] });
    const [abort] = docs('samples/bookinfo/networking/virtual-service-ratings-test-abort.yaml');
    expect(abort.spec.http[0].fault).toEqual({ abort: { percentage: { value: 100 }, httpStatus: 500 } });
  });

  it('httpbin, fortio, sleep and curl match the samples the tasks apply', () => {
    const httpbin = docs('samples/httpbin/httpbin.yaml');
    expect(byName(httpbin, 'Service', 'httpbin').spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8080 }]);
    const deployment = byName(httpbin, 'Deployment', 'httpbin');
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'httpbin', version: 'v1' });
    expect(deployment.spec.template.spec.serviceAccountName).toBe('httpbin');
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080 }]);

    const fortio = docs('samples/httpbin/sample-client/fortio-deploy.yaml');
    expect(byName(fortio, 'Service', 'fortio').spec.ports).toEqual([{ port: 8080, name: 'http' }]);
    const fortioPod = byName(fortio, 'Deployment', 'fortio-deploy').spec.template;
    expect(fortioPod.metadata.labels).toEqual({ app: 'fortio' });
    expect(fortioPod.spec.containers[0]).toMatchObject({ name: 'fortio', image: 'fortio/fortio:latest_release' });

    for (const name of ['sleep', 'curl']) {
      const sample = docs(`samples/${name}/${name}.yaml`);
      expect(names(sample, 'ServiceAccount')).toEqual([name]);
      expect(byName(sample, 'Service', name).spec.ports).toEqual([{ port: 80, name: 'http' }]);
      const pod = byName(sample, 'Deployment', name).spec.template;
      expect(pod.metadata.labels).toEqual({ app: name });
      expect(pod.spec.serviceAccountName).toBe(name);
      expect(pod.spec.containers[0]).toMatchObject({ name, command: ['/bin/sleep', 'infinity'] });
      expect(pod.spec.containers[0].image).toMatch(/^curlimages\/curl/);
    }
  });
});
