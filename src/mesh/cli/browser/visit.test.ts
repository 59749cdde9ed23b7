import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';
import type { Navigation, Visit } from './visit';

describe("the learner's browser", { timeout: 60_000 }, () => {
  let s: MeshSession;
  let gateway: string;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo', seed: 5 });
    gateway = (
      await s.ok(
        "kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}'",
      )
    ).trim();
    await s.ok('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    await s.ok('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml');
  });
  afterAll(() => s.dispose());

  const open = (url: string, more: Partial<Navigation> = {}): Promise<Visit> =>
    s.visit({ method: 'GET', url, cookies: '', language: 'en', ...more });
  const page = (visit: Visit): string => {
    if (!visit.ok) throw new Error(`${visit.error} for ${visit.url}`);
    return visit.body;
  };

  it('opens productpage through the gateway’s load-balancer host name, as on NKS', async () => {
    expect(gateway).toMatch(/[a-z]/);
    const visit = await open(`http://${gateway}/productpage`);
    expect(visit).toMatchObject({ ok: true, status: 200, url: `http://${gateway}/productpage` });
    expect(page(visit)).toContain('Book Details');
    // Not signed in: no one is routed to v2, whose stars are black.
    expect(page(visit)).not.toContain('color="black"');
  });

  it('signs in as jason through the session cookie, and sees reviews v2; signing out forgets him', async () => {
    const productpage = `http://${gateway}/productpage`;
    const login = await open(`http://${gateway}/login`, {
      method: 'POST',
      form: 'username=jason&passwd=',
      referer: productpage,
    });
    expect(login).toMatchObject({ ok: true, status: 200, url: productpage, redirects: [{ status: 302 }] });
    expect(login.cookies).toMatch(/\tsession\t/);
    const signedIn = page(login);
    expect(signedIn).toContain('jason');
    expect(signedIn).toContain('color="black"');
    // Every later visit sends the cookie it was given.
    for (let i = 0; i < 3; i++) expect(page(await open(productpage, { cookies: login.cookies }))).toContain('black');
    const logout = await open(`http://${gateway}/logout`, { cookies: login.cookies, referer: productpage });
    expect(logout.cookies).not.toMatch(/\tsession\t/);
    expect(page(logout)).toContain('Sign in');
  });

  it("reaches nothing inside the cluster, and says why as Chromium's error codes do", async () => {
    expect(await open('http://productpage:9080/productpage')).toMatchObject({
      ok: false,
      error: 'ERR_NAME_NOT_RESOLVED',
      host: 'productpage',
    });
    expect(await open('http://no-such-host.example.com/')).toMatchObject({ ok: false, error: 'ERR_NAME_NOT_RESOLVED' });
    expect(await open(`http://${gateway}:8080/`)).toMatchObject({ ok: false, error: 'ERR_CONNECTION_REFUSED' });
    expect(await open('https://en.wikipedia.org/wiki/Bookinfo')).toMatchObject({
      ok: false,
      error: 'ERR_NAME_NOT_RESOLVED',
    });
    // Bookinfo's Gateway serves port 80 only: nothing listens behind the load balancer's 443.
    expect(await open(`https://${gateway}/productpage`)).toMatchObject({ ok: false, error: 'ERR_CONNECTION_REFUSED' });
    expect(await open('ftp://example.com/')).toMatchObject({ ok: false, error: 'ERR_UNKNOWN_URL_SCHEME' });
    expect(await open('http://')).toMatchObject({ ok: false, error: 'ERR_INVALID_URL' });
  });

  it('opens the small simulated internet over https, its certificates trusted as a laptop trusts public sites', async () => {
    const visit = await open('https://httpbin.org/headers');
    expect(page(visit)).toContain('"Host": "httpbin.org"');
  });

  it('shows the answer to a route that the mesh refuses, as the browser receives it', async () => {
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
  - fault:
      abort:
        httpStatus: 500
        percentage: {value: 100}
    route:
    - destination: {host: ratings, subset: v1}
EOF`);
    const productpage = `http://${gateway}/productpage`;
    const login = await open(`http://${gateway}/login`, {
      method: 'POST',
      form: 'username=jason',
      referer: productpage,
    });
    expect(page(login)).toContain('Ratings service is currently unavailable');
    await s.ok('kubectl delete virtualservice ratings');
  });

  it('does not wait for a command that waits on the terminal (a watch)', async () => {
    const watching = s.run('kubectl get pods -w');
    const visit = await open(`http://${gateway}/productpage`);
    expect(visit.ok).toBe(true);
    s.shell.cancel();
    await watching;
  });
});
