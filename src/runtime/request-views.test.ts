import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../mesh/cli';
import { listRequests, trafficMark, viewRequest } from './request-views';
import type { DecisionView, RequestView } from './types';

const CURL = 'kubectl exec deploy/sleep -- curl -s -o /dev/null -w "%{http_code}\\n"';

const decisionsOf = (view: RequestView | null): DecisionView[] => view?.hops.flatMap((hop) => hop.decisions) ?? [];
const causeOf = (view: RequestView | null): DecisionView | undefined => decisionsOf(view).find((d) => d.cause);

// What the Requests tab shows for a request, built as the sandbox Worker builds it: the decisions in the page's
// language, the one that made the answer marked, and the Istio object behind each decision that has one.
describe('request views for the Requests tab', () => {
  let s: MeshSession;
  const apply = (yaml: string): Promise<string> => s.ok(`kubectl apply -f - <<EOF\n${yaml}\nEOF`);
  const newest = () => listRequests(s.cluster.requests).requests[0]!;

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl wait --for=condition=available deploy/httpbin deploy/sleep');
  });
  afterEach(async () => {
    await s.ok('kubectl delete virtualservice,destinationrule,authorizationpolicy --all -A');
  });
  afterAll(() => s.dispose());

  it('lists the newest request first with its code, flags and simulated duration', async () => {
    await s.ok(`${CURL} http://httpbin:8000/status/201`);
    await s.ok(`${CURL} http://httpbin:8000/delay/1`);
    const list = listRequests(s.cluster.requests);
    expect(list.recording).toBe(true);
    expect(list.requests[0]).toMatchObject({ method: 'GET', path: '/delay/1', status: 200, flags: '-', done: true });
    expect(list.requests[0]!.authority).toBe('httpbin:8000');
    expect(list.requests[0]!.durationMs).toBeGreaterThanOrEqual(1000);
    expect(list.requests[1]).toMatchObject({ path: '/status/201', status: 201 });
  });

  it('a fault abort: the cause is the client sidecar’s abort, from the VirtualService, in either language', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http:
  - fault: {abort: {httpStatus: 503, percentage: {value: 100}}}
    route: [{destination: {host: httpbin}}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('503\n');
    const { id } = newest();
    const en = viewRequest(s.cluster.requests, id, 'en');
    const ko = viewRequest(s.cluster.requests, id, 'ko');
    const vs = { kind: 'VirtualService', namespace: 'default', name: 'httpbin' };
    expect(en?.verdict).toBe('fault injection aborted the request with 503 (FI)');
    expect(causeOf(en)).toEqual({ text: 'fault injection aborted the request with 503 (FI)', cause: true, object: vs });
    expect(causeOf(ko)).toEqual({ text: '장애 주입이 요청을 중단시켰습니다: 503 (FI)', cause: true, object: vs });
    expect(en?.hops.map((hop) => hop.kind)).toEqual(['outbound']);
    expect(en?.hops[0]?.role).toBe('client sidecar');
    expect(ko?.hops[0]?.role).toBe('클라이언트 사이드카');
    expect(en?.answer).toMatch(/^→ 503 FI in \d+ms$/);
    expect(en?.server).toBeUndefined();
  });

  it('an RBAC deny: the cause is the server sidecar’s verdict, from the AuthorizationPolicy', async () => {
    await apply(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-anything}
spec:
  selector: {matchLabels: {app: httpbin}}
  action: DENY
  rules:
  - to: [{operation: {methods: ["POST"]}}]`);
    expect(await s.ok(`${CURL} -X POST http://httpbin:8000/post`)).toBe('403\n');
    const view = viewRequest(s.cluster.requests, newest().id, 'en');
    expect(view?.hops.map((hop) => hop.kind)).toEqual(['outbound', 'inbound']);
    expect(view?.hops[1]?.arrival).toMatch(/^arrived over mTLS from spiffe:\/\/cluster.local\/ns\/default\/sa\/sleep$/);
    expect(causeOf(view)).toMatchObject({
      text: expect.stringContaining('RBAC DENY: denied by ns[default]-policy[deny-anything]-rule[0]'),
      object: { kind: 'AuthorizationPolicy', namespace: 'default', name: 'deny-anything' },
    });
  });

  it('names the DestinationRule behind a subset’s cluster, and nothing for a decision no object made', async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: httpbin-versions}
spec:
  host: httpbin
  subsets: [{name: v1, labels: {version: v1}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin}
spec:
  hosts: [httpbin]
  http: [{route: [{destination: {host: httpbin, subset: v1}}]}]`);
    expect(await s.ok(`${CURL} http://httpbin:8000/get`)).toBe('200\n');
    const view = viewRequest(s.cluster.requests, newest().id, 'en');
    const cluster = decisionsOf(view).find((d) => d.text.startsWith('cluster '));
    expect(cluster?.object).toEqual({ kind: 'DestinationRule', namespace: 'default', name: 'httpbin-versions' });
    expect(causeOf(view)).toBeUndefined();
    expect(view?.verdict).toBe('the app answered 200');
    expect(view?.server).toMatch(/^[\d.]+:\d+$/);
    const picked = decisionsOf(view).find((d) => d.text.startsWith('load balancer picked'));
    expect(picked).toBeDefined();
    expect(picked?.object).toBeUndefined();
  });

  it('marks new traffic, and answers null for a request no longer kept', async () => {
    const before = trafficMark(s.cluster.requests);
    await s.ok(`${CURL} http://httpbin:8000/get`);
    expect(trafficMark(s.cluster.requests)).not.toBe(before);
    expect(viewRequest(s.cluster.requests, 'not-an-id', 'en')).toBeNull();
  });
});
