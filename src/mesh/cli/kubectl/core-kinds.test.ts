import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: httpbin
spec:
  ingressClassName: nginx
  rules:
  - host: httpbin.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: httpbin
            port:
              number: 8000
`;

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: read-pods
subjects:
- kind: ServiceAccount
  name: default
  namespace: default
roleRef:
  kind: ClusterRole
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: cm-editor
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: edit-cms
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: cm-editor
  apiGroup: rbac.authorization.k8s.io
`;

// Ingress and RBAC objects are stored and listed as on a real cluster; nothing enforces or serves them.
describe('kubectl with Ingress and RBAC kinds', () => {
  let s: MeshSession;
  beforeEach(async () => {
    s = await createMeshSession({ preset: 'bare', files: { 'ingress.yaml': INGRESS, 'rbac.yaml': RBAC } });
  });
  afterEach(() => s.dispose());

  it('applies, lists, gets and deletes an Ingress', async () => {
    expect(await s.ok('kubectl apply -f ingress.yaml')).toBe('ingress.networking.k8s.io/httpbin created\n');
    const table = await s.ok('kubectl get ingress');
    expect(table).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\n/);
    expect(table).toMatch(/^httpbin\s+nginx\s+httpbin\.example\.com\s+80\s+\d+s\n$/m);
    expect(await s.ok('kubectl get ing httpbin -o jsonpath={.spec.rules[0].host}')).toBe('httpbin.example.com');
    expect(await s.ok('kubectl delete ingress httpbin')).toBe('ingress.networking.k8s.io "httpbin" deleted\n');
  });

  it('applies, lists and deletes ClusterRoles, ClusterRoleBindings, Roles and RoleBindings', async () => {
    expect(await s.ok('kubectl apply -f rbac.yaml')).toBe(
      [
        'clusterrole.rbac.authorization.k8s.io/pod-reader created',
        'clusterrolebinding.rbac.authorization.k8s.io/read-pods created',
        'role.rbac.authorization.k8s.io/cm-editor created',
        'rolebinding.rbac.authorization.k8s.io/edit-cms created',
        '',
      ].join('\n'),
    );
    expect(await s.ok('kubectl get clusterrole pod-reader')).toMatch(
      /^NAME\s+CREATED AT\npod-reader\s+\d{4}-\d\d-\d\dT[\d:]+Z\n$/,
    );
    expect(await s.ok('kubectl get clusterrolebindings -o wide')).toMatch(
      /^read-pods\s+ClusterRole\/pod-reader\s+\d+s\s+default\/default\n$/m,
    );
    expect(await s.ok('kubectl get rolebinding')).toMatch(/^edit-cms\s+Role\/cm-editor\s+\d+s\n$/m);
    expect(await s.ok('kubectl get roles -o name')).toBe('role.rbac.authorization.k8s.io/cm-editor\n');
    expect(await s.ok('kubectl api-resources | grep -c rbac.authorization.k8s.io')).toBe('4\n');
    expect(await s.ok('kubectl api-resources --api-group=rbac.authorization.k8s.io --namespaced=false -o name')).toBe(
      'clusterroles.rbac.authorization.k8s.io\nclusterrolebindings.rbac.authorization.k8s.io\n',
    );
    expect(await s.ok('kubectl api-resources --api-group= --namespaced --no-headers --sort-by=kind')).toMatch(
      /^configmaps\s+cm\s+v1\s+true\s+ConfigMap\nendpoints\s/,
    );
    expect(await s.ok('kubectl api-resources --api-group=apps -o wide')).toMatch(
      /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment\s+\[create delete deletecollection get list patch update watch\]\s+all$/m,
    );
    expect((await s.run('kubectl api-resources --sort-by=age')).stderr).toBe(
      'error: --sort-by accepts only name or kind\n',
    );
    expect(await s.ok('kubectl delete -f rbac.yaml')).toContain(
      'clusterrole.rbac.authorization.k8s.io "pod-reader" deleted',
    );
    expect((await s.run('kubectl get clusterrole pod-reader')).stderr).toBe(
      'Error from server (NotFound): clusterroles.rbac.authorization.k8s.io "pod-reader" not found\n',
    );
  });

  it('validates them against their schema like any built-in kind', async () => {
    const result = await s.run(`kubectl apply -f - <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: bad
rules:
- apiGroups: [""]
  resource: ["pods"]
  verbs: ["get"]
EOF`);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('unknown field "rules[0].resource"');
  });
});

describe('kubectl with Endpoints and EndpointSlices (Kubernetes 1.33)', () => {
  it('lists slices with kubectl’s columns, and warns once per command that v1 Endpoints is deprecated', async () => {
    const s = await createMeshSession({ preset: 'bare' });
    await s.ok('kubectl create deployment web --image=nginx --replicas=4');
    await s.ok('kubectl expose deployment web --port=80');
    await s.ok('kubectl rollout status deployment web');
    const slices = await s.run('kubectl get endpointslices -l kubernetes.io/service-name=web');
    expect(slices.stdout).toMatch(
      /^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nweb-\w{5} +IPv4 +80 +(10\.244\.\d+\.\d+,){2}10\.244\.\d+\.\d+ \+ 1 more\.\.\. +\d+s\n$/,
    );
    const endpoints = await s.run('kubectl get ep web kubernetes');
    expect(endpoints.stderr).toBe(
      'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n',
    );
    expect(endpoints.stdout).toContain('web ');
    await s.ok('kubectl delete service web');
    expect((await s.run('kubectl get endpointslices')).stdout).not.toContain('web-');
  });
});
