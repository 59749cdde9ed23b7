import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

describe('istioctl', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterAll(() => s.dispose());

  it('install --set profile=demo -y creates istio-system with istiod and both gateways', async () => {
    expect(await s.ok('istioctl install --set profile=demo -y')).toBe(
      '✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Egress gateways installed 🛫\n✔ Ingress gateways installed 🛬\n✔ Installation complete\n' +
        'Made this installation the default for cluster-wide operations.\n',
    );
    const pods = await s.ok('kubectl get pods -n istio-system --no-headers');
    expect(pods).toMatch(/^istiod-\S+\s+1\/1\s+Running/m);
    expect(pods).toMatch(/^istio-ingressgateway-\S+\s+1\/1\s+Running/m);
    expect(pods).toMatch(/^istio-egressgateway-\S+\s+1\/1\s+Running/m);
    const svc = await s.ok('kubectl get svc istio-ingressgateway -n istio-system');
    expect(svc).toMatch(/LoadBalancer\s+\S+\s+\S+\.kr\.lb\.naverncp\.com\s+15021:\d+\/TCP,80:\d+\/TCP/);
  });

  it('proxy-status lists every proxy with what it subscribes to, and -v 1 shows each type SYNCED', async () => {
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml');
    const out = await s.ok('istioctl proxy-status');
    expect(out.split('\n')[0]).toMatch(/^NAME\s+CLUSTER\s+ISTIOD\s+VERSION\s+SUBSCRIBED TYPES$/);
    expect(out).toMatch(
      /^productpage-v1-\S+\.default\s+Kubernetes\s+istiod-\S+\s+\d+\.\d+\.\d+\s+4 \(CDS,LDS,EDS,RDS\)$/m,
    );
    expect(await s.ok('istioctl ps -v 1')).toMatch(
      /^productpage-v1-\S+\.default\s+Kubernetes\s+SYNCED \(\w+\)\s+IGNORED(\s+SYNCED \(\w+\)){3}\s+istiod-\S+\s+\d+\.\d+\.\d+$/m,
    );
  });

  it('proxy-config shows routes, clusters, endpoints and secrets of a pod', async () => {
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml');
    await s.ok('export PP=$(kubectl get pod -l app=productpage -o jsonpath={.items..metadata.name})');
    const clusters = await s.ok('istioctl proxy-config clusters $PP --fqdn reviews.default.svc.cluster.local');
    expect(clusters.split('\n')[0]).toMatch(/^SERVICE FQDN\s+PORT\s+SUBSET\s+DIRECTION\s+TYPE\s+DESTINATION RULE$/);
    expect(clusters).toMatch(/^reviews\.default\.svc\.cluster\.local\s+9080\s+v1\s+outbound\s+EDS/m);
    const routes = await s.ok('istioctl proxy-config routes $PP --name 9080');
    expect(routes.split('\n')[0]).toMatch(/^NAME\s+VHOST NAME\s+DOMAINS\s+MATCH\s+VIRTUAL SERVICE$/);
    expect(routes).toMatch(/reviews\.default\.svc\.cluster\.local:9080\s+reviews.*\/\*\s+reviews\.default/);
    const endpoints = await s.ok(
      'istioctl proxy-config endpoints $PP --cluster "outbound|9080|v1|reviews.default.svc.cluster.local"',
    );
    expect(endpoints).toMatch(/^\d+\.\d+\.\d+\.\d+:9080\s+HEALTHY\s+OK\s+outbound\|9080\|v1\|reviews/m);
    expect(await s.ok('istioctl proxy-config secret $PP')).toMatch(/^default\s+Cert Chain\s+ACTIVE/m);
    expect(JSON.parse(await s.ok('istioctl proxy-config routes $PP -o json'))).toBeInstanceOf(Array);
  });

  it('analyze reports a missing subset with the istioctl error trailer and exit code 79, then nothing once it is gone', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v9}
EOF`);
    const result = await s.run('istioctl analyze');
    // As istioctl prints them: the messages on stdout, its error (the trailer) on stderr, exit code 79.
    expect(result).toMatchObject({
      exitCode: 79,
      stdout:
        'Error [IST0101] (VirtualService default/reviews) Referenced host+subset in destinationrule not found: "reviews+v9"\n',
      stderr:
        'Error: Analyzers found issues when analyzing namespace: default.\n' +
        'See https://istio.io/v1.30/docs/reference/config/analysis for more information about causes and resolutions.\n',
    });
    await s.ok('kubectl delete virtualservice reviews');
    expect(await s.run('istioctl analyze')).toMatchObject({
      exitCode: 0,
      stdout: '\n',
      stderr: '\u2714 No validation issues found when analyzing namespace: default.\n',
    });
  });

  it('dashboard kiali needs the add-on, then tells the UI to open the graph', async () => {
    const events: unknown[] = [];
    s.cluster.onUiEvent((e) => events.push(e));
    expect(await s.run('istioctl dashboard kiali')).toMatchObject({
      exitCode: 1,
      stderr: 'Error: no Kiali pods found\n',
    });
    expect(events).toEqual([]);
    await s.ok('kubectl apply -f samples/addons/kiali.yaml');
    expect(await s.ok('istioctl dashboard kiali')).toBe('http://localhost:20001/kiali\n');
    expect(events).toEqual([{ type: 'open-dashboard', dashboard: 'kiali' }]);
  });

  it('refuses unknown commands and flags', async () => {
    expect(await s.run('istioctl frob')).toMatchObject({
      exitCode: 64,
      stderr: 'Error: unknown command "frob" for "istioctl"\nRun \'istioctl --help\' for usage.\n',
    });
    expect(await s.run('istioctl proxy-status --bogus')).toMatchObject({
      exitCode: 1,
      stderr: 'Error: unknown flag: --bogus\n',
    });
  });
});
