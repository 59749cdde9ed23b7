import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

// Every case starts on a cluster of its own: a bare cluster on the virtual clock boots in milliseconds.
describe('kubectl', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterEach(() => s.dispose());

  it('lists namespaces and nodes as tables with ages from the cluster clock', async () => {
    const ns = await s.ok('kubectl get ns');
    expect(ns.split('\n')[0]).toBe('NAME              STATUS   AGE');
    expect(ns).toMatch(/^default\s+Active\s+\d+s$/m);
    expect(await s.ok('kubectl get nodes --no-headers | wc -l')).toMatch(/^\s*3\n$/);
    expect((await s.ok('kubectl get nodes -o wide')).split('\n')[0]).toMatch(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE/,
    );
    // A label column is headed by the key's last path segment, as kubectl's printers do.
    expect((await s.ok('kubectl get nodes -L ncloud.com/nks-nodepool')).split('\n')[0]).toMatch(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+NKS-NODEPOOL$/,
    );
  });

  it('applies from stdin with a heredoc, then reads back with -o name, jsonpath and yaml', async () => {
    const out = await s.ok(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: demo
  labels:
    team: a
EOF`);
    expect(out).toBe('namespace/demo created\n');
    expect(await s.ok('kubectl get ns demo -o name')).toBe('namespace/demo\n');
    expect(await s.ok("kubectl get ns -l team=a -o jsonpath='{.items[*].metadata.name}'")).toBe('demo');
    expect(await s.ok('kubectl get ns demo -o yaml')).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
    expect(await s.ok('kubectl get ns demo -o json | head -2')).toBe('{\n    "apiVersion": "v1",\n');
    expect(
      await s.ok(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: demo
  labels:
    team: a
EOF`),
    ).toBe('namespace/demo unchanged\n');
  });

  it('answers errors in kubectl words with a non-zero exit', async () => {
    expect(await s.run('kubectl get foos')).toMatchObject({
      stderr: 'error: the server doesn\'t have a resource type "foos"\n',
      exitCode: 1,
    });
    expect(await s.run('kubectl get pods --foo')).toMatchObject({
      stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
      exitCode: 1,
    });
    expect(await s.run('kubectl get pod x')).toMatchObject({
      stderr: 'Error from server (NotFound): pods "x" not found\n',
      exitCode: 1,
    });
    expect(await s.run('kubectl frobnicate')).toMatchObject({
      stderr: 'error: unknown command "frobnicate" for "kubectl"\n',
      exitCode: 1,
    });
    expect((await s.run('kubectl get pods')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('applies nothing from a stream that does not parse', async () => {
    const result = await s.run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: half-one
---
apiVersion: v1
kind: Namespace
metadata: name: half-two
EOF`);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n {2}--> STDIN:8:11\n {3}\| metadata: name: half-two\n {3}\| {11}\^\n$/,
    );
    expect((await s.run('kubectl get ns half-one')).exitCode).toBe(1);
  });

  it('creates, labels, patches and deletes', async () => {
    expect(await s.ok('kubectl create namespace tmp')).toBe('namespace/tmp created\n');
    expect(await s.ok('kubectl label namespace tmp istio-injection=enabled')).toBe('namespace/tmp labeled\n');
    expect(await s.ok("kubectl get ns tmp -o jsonpath='{.metadata.labels.istio-injection}'")).toBe('enabled');
    expect(await s.ok(`kubectl patch ns tmp --type merge -p '{"metadata":{"labels":{"x":"y"}}}'`)).toBe(
      'namespace/tmp patched\n',
    );
    expect(await s.ok('kubectl delete ns tmp')).toBe('namespace "tmp" deleted\n');
  });

  it('deletes a file whose objects are gone: silent with --ignore-not-found, NotFound per object without', async () => {
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl delete -f samples/httpbin/httpbin.yaml');
    const ignored = await s.run('kubectl delete -f samples/httpbin/httpbin.yaml --ignore-not-found');
    expect(ignored).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    const missing = await s.run('kubectl delete -f samples/httpbin/httpbin.yaml');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(
      /^Error from server \(NotFound\): error when deleting "samples\/httpbin\/httpbin.yaml": serviceaccounts "httpbin" not found\n/,
    );
    expect(missing.stderr.match(/Error from server \(NotFound\)/g)).toHaveLength(3);
    // Only a file without objects is "no objects passed".
    await s.ok("printf '# nothing here\\n' > empty.yaml");
    const empty = await s.run('kubectl delete -f empty.yaml --ignore-not-found');
    expect(empty).toMatchObject({ exitCode: 1, stderr: 'error: no objects passed to delete\n' });
  });

  it('deploys a workload from the samples, waits for it and runs curl inside it', async () => {
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    expect(await s.ok('kubectl wait --for=condition=available --timeout=60s deployment/httpbin')).toBe(
      'deployment.apps/httpbin condition met\n',
    );
    expect(await s.ok('kubectl get deploy httpbin')).toMatch(/^httpbin\s+1\/1\s+1\s+1\s+\d+s$/m);
    await s.ok('kubectl apply -f samples/curl/curl.yaml');
    const code = await s.ok(
      'kubectl exec deploy/curl -- curl -s -o /dev/null -w "%{http_code}\\n" http://httpbin:8000/get',
    );
    expect(code).toBe('200\n');
    const refused = await s.run('kubectl exec deploy/curl -- curl -sS http://httpbin:9999/get');
    expect(refused.exitCode).toBe(7);
    expect(refused.stderr).toContain('curl: (7) Failed to connect to httpbin port 9999 after');
    expect(refused.stderr).toContain('command terminated with exit code 7');
    expect((await s.run('kubectl exec deploy/curl -- nosuchprogram')).exitCode).not.toBe(0);
  });

  it('describes a pod with its events', async () => {
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl wait --for=condition=available --timeout=60s deployment/httpbin');
    const out = await s.ok('kubectl describe pod -l app=httpbin');
    expect(out).toMatch(/^Name:\s+httpbin-/);
    expect(out).toContain('Events:');
  });

  it('honours -A on delete, describe, wait, label and annotate, and refuses a name with it as kubectl does', async () => {
    await s.ok('kubectl create namespace a');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml -n a');
    const pods = (await s.ok('kubectl get pods -A -l app=httpbin -o name')).trim().split('\n');
    expect(pods).toHaveLength(2);
    expect(await s.ok('kubectl label pods -l app=httpbin -A checked=yes')).toMatch(/^(pod\/httpbin-\S+ labeled\n){2}$/);
    expect(await s.ok('kubectl annotate pods --all -A note=x')).toContain('annotated');
    expect(await s.ok('kubectl get pods -A -l checked=yes --no-headers | wc -l')).toMatch(/^\s*2\n$/);
    expect(await s.ok('kubectl describe pods -A -l app=httpbin | grep -c "^Name:"')).toBe('2\n');
    expect(await s.ok('kubectl wait --for=condition=ready pod -l app=httpbin -A --timeout=60s')).toMatch(
      /^(pod\/httpbin-\S+ condition met\n){2}$/,
    );
    const name = /^pod\/(\S+)$/.exec(pods[0]!)![1]!;
    for (const line of [
      `kubectl get pod ${name} -A`,
      `kubectl delete pod ${name} -A`,
      `kubectl describe pod ${name} -A`,
      `kubectl label pod ${name} x=y -A`,
    ]) {
      expect(await s.run(line)).toMatchObject({
        stderr: 'error: a resource cannot be retrieved by name across all namespaces\n',
        exitCode: 1,
      });
    }
    const deleted = await s.ok('kubectl delete pod --all -A');
    expect(deleted).toMatch(/pod "httpbin-\S+" deleted/);
    expect(deleted).toMatch(/pod "coredns-\S+" deleted/);
    // Their Deployments make new ones; the ones that were there are gone from every namespace.
    const after = await s.ok('kubectl get pods -A -o name');
    for (const pod of pods) expect(after).not.toContain(pod);
    expect((await s.run('kubectl delete pod --all -A -l app=nothing')).stderr).toBe('No resources found\n');
  });
});
