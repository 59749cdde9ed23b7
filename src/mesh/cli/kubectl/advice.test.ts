import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// What a learner reaches for and this lab does not have: explain, top, and the verbs and programs that answer
// with what to do instead.
describe('kubectl explain, top, and what the lab answers with advice', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterEach(() => s.dispose());

  it('explains the common kinds in kubectl layout, and says where deeper fields are documented', async () => {
    const pod = await s.ok('kubectl explain pods');
    expect(pod).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nDESCRIPTION:\n {4}A Pod is /);
    expect(pod).toMatch(/\nFIELDS:\n {2}apiVersion\t<string>\n/);
    expect(pod).toContain('  spec\t<PodSpec>\n');
    expect(await s.ok('kubectl explain deploy')).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n/);
    expect(await s.run('kubectl explain pod.spec.containers')).toMatchObject({
      stderr:
        'error: no field documentation for "pod.spec.containers" in this lab: see the Pod reference at https://kubernetes.io/docs/reference/kubernetes-api/\n',
      exitCode: 1,
    });
    expect((await s.run('kubectl explain foos')).stderr).toBe(
      'error: the server doesn\'t have a resource type "foos"\n',
    );
  });

  it('tops pods and nodes from metrics-server once it is ready', async () => {
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl wait --for=condition=available deploy/httpbin --timeout=60s');
    const pods = await s.ok('kubectl top pod');
    expect(pods).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\nhttpbin-\S+\s+\d+m\s+\d+Mi\n$/);
    expect(await s.ok('kubectl top pod')).toBe(pods);
    expect(await s.ok('kubectl top pods -A --no-headers | grep -c kube-system')).not.toBe('0\n');
    const nodes = await s.ok('kubectl top nodes');
    expect(nodes.split('\n')[0]).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)$/);
    expect(nodes.trim().split('\n')).toHaveLength(4);
    expect(nodes.split('\n')[1]).toMatch(/^\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%$/);
  });

  it('says the Metrics API is not available while metrics-server is not ready', async () => {
    await s.ok('kubectl scale deploy metrics-server -n kube-system --replicas=0');
    expect(await s.run('kubectl top pod')).toMatchObject({ stderr: 'error: Metrics API not available\n', exitCode: 1 });
  });

  it('answers edit without an editor, port-forward and kustomize with what to do instead, and fails', async () => {
    // kubectl finds the object first: a name that is not there fails as not found, before any editor is needed.
    await s.ok('kubectl create deployment httpbin --image=docker.io/mccutchen/go-httpbin:v2.15.0');
    const edit = await s.run('kubectl edit deploy httpbin');
    expect(edit.exitCode).toBe(1);
    expect(edit.stderr).toMatch(
      /^error: there is no editor in this terminal: .*kubectl get TYPE NAME -o yaml > f\.yaml.*kubectl apply -f f\.yaml/,
    );
    const forward = await s.run('kubectl port-forward svc/httpbin 8000:8000');
    expect(forward.exitCode).toBe(1);
    expect(forward.stderr).toContain('browser tab');
    expect(forward.stderr).toContain('kubectl exec deploy/curl -- curl');
    expect((await s.run('kubectl kustomize .')).stderr).toMatch(/^error: kustomize is not simulated/);
    expect((await s.run('kubectl apply -k .')).stderr).toMatch(/^error: kustomize is not simulated/);
    expect((await s.run('LANG=ko_KR.UTF-8 kubectl edit deploy httpbin')).stderr).toMatch(
      /^error: 이 터미널에는 편집기가 없습니다/,
    );
  });

  it('answers programs the lab does not have with what to use instead', async () => {
    for (const program of ['helm', 'watch', 'vi', 'vim', 'nano']) {
      const result = await s.run(`${program} something`);
      expect(result.exitCode).toBe(127);
      expect(result.stderr).toMatch(new RegExp(`^${program}: not available in this terminal\\. `));
    }
    expect((await s.run('helm install istio-base istio/base')).stderr).toContain('istioctl install');
    expect((await s.run('watch kubectl get pods')).stderr).toContain('kubectl get … -w');
  });
});
