import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// create deployment, run and expose build objects from flags, as kubectl's generators do.
describe('kubectl create deployment, run and expose', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterEach(() => s.dispose());

  it('creates a deployment from an image and exposes it as a service', async () => {
    expect(
      await s.ok('kubectl create deployment web --image=docker.io/mccutchen/go-httpbin:v2.15.0 --replicas=2'),
    ).toBe('deployment.apps/web created\n');
    expect(await s.ok('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].name}')).toBe(
      'go-httpbin',
    );
    await s.ok('kubectl wait --for=condition=available deploy/web --timeout=60s');
    expect(await s.ok('kubectl get deploy web')).toMatch(/^web\s+2\/2\s+2\s+2\s+\d+s$/m);
    expect(await s.ok('kubectl expose deployment web --port=8000 --target-port=8080 --name=web-svc')).toBe(
      'service/web-svc exposed\n',
    );
    expect(await s.ok('kubectl get svc web-svc -o jsonpath={.spec.selector.app}:{.spec.ports[0].targetPort}')).toBe(
      'web:8080',
    );
    expect(await s.ok('kubectl expose deploy/web --port=80 --type=LoadBalancer')).toBe('service/web exposed\n');
    expect(await s.ok('kubectl get svc web --no-headers')).toMatch(/^web\s+LoadBalancer\s+/);
    await s.ok('kubectl apply -f samples/curl/curl.yaml');
    await s.ok('kubectl wait --for=condition=available deploy/curl --timeout=60s');
    expect(
      await s.ok('kubectl exec deploy/curl -- curl -s -o /dev/null -w "%{http_code}" http://web-svc:8000/get'),
    ).toBe('200');
  });

  it('refuses what kubectl refuses', async () => {
    expect(await s.run('kubectl create deployment web')).toMatchObject({
      stderr: 'error: required flag(s) "image" not set\n',
      exitCode: 1,
    });
    expect(await s.run('kubectl expose deployment nope --port=80')).toMatchObject({
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
    await s.ok('kubectl create deployment web --image=docker.io/mccutchen/go-httpbin');
    expect(await s.run('kubectl expose deployment web')).toMatchObject({
      stderr: "error: couldn't find port via --port flag or introspection\n",
      exitCode: 1,
    });
    expect(await s.run('kubectl run x')).toMatchObject({
      stderr: 'error: required flag(s) "image" not set\n',
      exitCode: 1,
    });
    expect((await s.run('kubectl run x --image=nginx --rm')).stderr).toBe(
      'error: --rm should only be used for attached containers\n',
    );
  });

  it('runs a pod, prints a manifest under --dry-run=client -o yaml, and runs a one-shot client with --rm', async () => {
    expect(await s.ok('kubectl run client --image=curlimages/curl --restart=Never --command -- sleep 3600')).toBe(
      'pod/client created\n',
    );
    expect(
      await s.ok(
        'kubectl get pod client -o jsonpath={.metadata.labels.run}:{.spec.restartPolicy}:{.spec.containers[0].command}',
      ),
    ).toBe('client:Never:["sleep","3600"]');
    const yaml = await s.ok('kubectl run web --image=nginx --port=80 --dry-run=client -o yaml');
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(yaml).toContain('containerPort: 80');
    expect((await s.run('kubectl get pod web')).exitCode).toBe(1);
    // --dry-run=client applies nothing, whichever verb takes it.
    expect(await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml --dry-run=client')).toContain(
      'deployment.apps/httpbin created (dry run)',
    );
    expect((await s.run('kubectl get deploy httpbin')).exitCode).toBe(1);
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl wait --for=condition=available deploy/httpbin --timeout=60s');
    const once = await s.run(
      'kubectl run -i --rm --restart=Never probe --image=curlimages/curl -- -s -o /dev/null -w "%{http_code}\\n" http://httpbin:8000/status/418',
    );
    expect(once).toMatchObject({ stdout: '418\npod "probe" deleted\n', exitCode: 0 });
    expect((await s.run('kubectl get pod probe')).exitCode).toBe(1);
  });
});
