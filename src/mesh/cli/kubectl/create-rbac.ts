/**
 * `kubectl create role NAME --verb=… --resource=…` and `kubectl create rolebinding NAME --role=…|--clusterrole=…
 * --serviceaccount=ns:name|--user=…|--group=…`: the generators that build RBAC objects from flags. Resources are
 * resolved as kubectl's discovery does (`secret` → `secrets` in the core group).
 */
import type { Kubectl } from './context';

export const RBAC_FLAGS = [
  { name: 'verb', type: 'strings' },
  { name: 'resource', type: 'strings' },
  { name: 'resource-name', type: 'strings' },
  { name: 'role', type: 'string' },
  { name: 'clusterrole', type: 'string' },
  { name: 'serviceaccount', type: 'strings' },
  { name: 'user', type: 'strings' },
  { name: 'group', type: 'strings' },
] as const;

const RBAC_API = 'rbac.authorization.k8s.io/v1';

const list = (values: readonly string[]): string[] => values.flatMap((v) => v.split(',')).filter((v) => v !== '');

/** The Role to create, or the exit status of a refusal (already reported). */
export function roleManifest(k: Kubectl, name: string | undefined): Record<string, unknown> | number {
  if (name === undefined)
    return k.fail("error: exactly one NAME is required, got 0\nSee 'kubectl create role -h' for help and examples");
  const verbs = list(k.flags.strings('verb'));
  if (verbs.length === 0) return k.fail('error: at least one verb must be specified');
  const resources = list(k.flags.strings('resource'));
  if (resources.length === 0) return k.fail('error: at least one resource must be specified');
  const byGroup = new Map<string, string[]>();
  for (const resource of resources) {
    const type = k.kube.resolveResource(resource);
    if (type === undefined)
      return k.fail(`error: the server doesn't have a resource type "${resource.split('.')[0] ?? resource}"`);
    byGroup.set(type.group, [...(byGroup.get(type.group) ?? []), type.plural]);
  }
  const names = list(k.flags.strings('resource-name'));
  const rules = [...byGroup].map(([group, plurals]) => ({
    apiGroups: [group],
    resources: plurals,
    verbs,
    ...(names.length > 0 && { resourceNames: names }),
  }));
  return { apiVersion: RBAC_API, kind: 'Role', metadata: { name, namespace: k.namespace }, rules };
}

/** The RoleBinding to create, or the exit status of a refusal (already reported). */
export function roleBindingManifest(k: Kubectl, name: string | undefined): Record<string, unknown> | number {
  if (name === undefined)
    return k.fail(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create rolebinding -h' for help and examples",
    );
  const role = k.flags.string('role');
  const clusterRole = k.flags.string('clusterrole');
  if ((role === undefined) === (clusterRole === undefined))
    return k.fail('error: exactly one of clusterrole or role must be specified');
  const subjects: Record<string, string>[] = [];
  for (const sa of k.flags.strings('serviceaccount')) {
    const [namespace, account] = sa.split(':');
    if (namespace === undefined || account === undefined || namespace === '' || account === '')
      return k.fail(`error: serviceaccount must be <namespace>:<name>`);
    subjects.push({ kind: 'ServiceAccount', name: account, namespace });
  }
  for (const user of k.flags.strings('user'))
    subjects.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user });
  for (const group of k.flags.strings('group'))
    subjects.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group });
  return {
    apiVersion: RBAC_API,
    kind: 'RoleBinding',
    metadata: { name, namespace: k.namespace },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: role === undefined ? 'ClusterRole' : 'Role',
      name: role ?? clusterRole,
    },
    subjects,
  };
}
