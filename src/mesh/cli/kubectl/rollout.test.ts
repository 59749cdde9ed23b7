import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

describe('kubectl rollout', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare' });
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -f samples/curl/curl.yaml');
  });
  afterEach(() => s.dispose());

  it('restarts every deployment of the namespace when no name is given, as kubectl does', async () => {
    const before = await s.ok('kubectl get pods -o name');
    expect(await s.ok('kubectl rollout restart deployment')).toBe(
      'deployment.apps/curl restarted\ndeployment.apps/httpbin restarted\n',
    );
    await s.ok('kubectl rollout status deployment/httpbin --timeout=60s');
    await s.ok('kubectl rollout status deploy curl --timeout=60s');
    const after = await s.ok('kubectl get pods -o name');
    for (const pod of before.trim().split('\n')) expect(after).not.toContain(pod);
  });

  it('restarts by name, by -l and in another namespace; an empty namespace has nothing to restart', async () => {
    expect(await s.ok('kubectl rollout restart deployment/httpbin')).toBe('deployment.apps/httpbin restarted\n');
    // -l selects by the Deployment's own labels, which the sample leaves out.
    await s.ok('kubectl label deploy curl app=curl');
    expect(await s.ok('kubectl rollout restart deploy -l app=curl')).toBe('deployment.apps/curl restarted\n');
    expect(await s.run('kubectl rollout restart deployment -n kube-public')).toMatchObject({
      stdout: '',
      stderr: 'No resources found in kube-public namespace.\n',
      exitCode: 0,
    });
    expect(await s.ok('kubectl rollout restart deployment -n kube-system')).toMatch(
      /^deployment.apps\/coredns restarted\n/,
    );
    expect(await s.run('kubectl rollout restart')).toMatchObject({
      stderr: 'error: required resource not specified\n',
      exitCode: 1,
    });
    expect(await s.run('kubectl rollout restart deployment/nope')).toMatchObject({
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
  });

  it('follows one rollout: a name, or the only deployment selected', async () => {
    await s.ok('kubectl label deploy curl app=curl');
    expect(await s.ok('kubectl rollout status deployment httpbin --timeout=60s')).toMatch(
      /deployment "httpbin" successfully rolled out\n$/,
    );
    expect(await s.ok('kubectl rollout status deployment -l app=curl --timeout=60s')).toMatch(
      /deployment "curl" successfully rolled out\n$/,
    );
    expect(await s.run('kubectl rollout status deployment')).toMatchObject({
      stderr:
        'error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n',
      exitCode: 1,
    });
  });
});
