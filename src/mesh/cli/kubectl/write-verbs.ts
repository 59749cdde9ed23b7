import { type DryRun, type MetadataChanges, type PatchType, type VerbResult } from '../../index';
import { RBAC_FLAGS, roleBindingManifest, roleManifest } from './create-rbac';
import { configMapManifest, secretManifest, SECRET_FLAGS } from './create-secret';
import { KUBECTL_ADVICE, writeAdvice } from '../advice';
import { toJson, toYaml } from '../format/manifests';
import { NAME_ACROSS_NAMESPACES, type Kubectl, type Subcommand } from './context';
import { deploymentManifest } from './generators';
import { readManifests } from './manifest-input';
import { parseLabelSelector } from './selectors';

const FILE_FLAGS = [
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'dry-run', type: 'string' as const, noValue: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'server-side', type: 'bool' as const },
  { name: 'force-conflicts', type: 'bool' as const },
  { name: 'validate', type: 'string' as const, noValue: 'true' },
];

/** `--dry-run`: the mode, or kubectl's refusal of a value it does not know. */
function dryRunOf(k: Kubectl): { dryRun: DryRun | undefined } | { error: string } {
  const value = k.flags.string('dry-run');
  if (value === undefined || value === 'none') return { dryRun: undefined };
  if (value === 'client' || value === 'server') return { dryRun: value };
  if (value === 'unchanged') return { dryRun: 'client' };
  return { error: `error: Invalid dry-run value (${value}). Must be "none", "server", or "client".` };
}

/**
 * Runs `verb` on the objects of every `-f` source that `keep` selects. kubectl refuses with "no objects passed to"
 * only when no object is left to act on; a delete whose objects are all gone already is not that case (with
 * `--ignore-not-found` it prints nothing and succeeds).
 */
async function fromFiles(
  k: Kubectl,
  verb: (documents: Record<string, unknown>[], source: string, dryRun: DryRun | undefined) => VerbResult[],
  keep: (document: Record<string, unknown>) => boolean = () => true,
): Promise<number> {
  if (k.flags.strings('filename').length === 0) {
    return k.fail(`error: must specify one of -f and -k\n\nSee 'kubectl ${k.command} -h' for help and examples`);
  }
  const mode = dryRunOf(k);
  if ('error' in mode) return k.fail(mode.error);
  const { dryRun } = mode;
  const sources = await readManifests(k, k.flags.bool('recursive'));
  if (typeof sources === 'string') return k.fail(sources);
  const selected = sources.map((s) => ({ ...s, documents: s.documents.filter(keep) }));
  if (selected.every((s) => s.documents.length === 0)) return k.fail('error: no objects passed to ' + k.command);
  return k.report(selected.flatMap((s) => verb(s.documents, s.source, dryRun)));
}

const inputOptions = (k: Kubectl, source: string) => ({
  namespace: k.namespace,
  enforceNamespace: k.explicitNamespace,
  source,
});

export const apply: Subcommand = {
  flags: [
    ...FILE_FLAGS,
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'prune', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run: (k) => {
    if (k.flags.has('kustomize')) {
      writeAdvice(k.io, KUBECTL_ADVICE.kustomize);
      return Promise.resolve(1);
    }
    // `-l`: only the file's objects whose labels match are applied (the samples' `-l service=helloworld`).
    const selected = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : () => true;
    const labelsOf = (d: Record<string, unknown>) =>
      (d['metadata'] as { labels?: Record<string, string> } | undefined)?.labels ?? {};
    return fromFiles(
      k,
      (documents, source, dryRun) =>
        k.kube.applyAll(documents, { ...inputOptions(k, source), ...(dryRun !== undefined && { dryRun }) }),
      (d) => selected(labelsOf(d)),
    );
  },
};

/** `kubectl replace -f`: each object in the file takes the place of the live one (what a failed edit suggests). */
export const replace: Subcommand = {
  flags: FILE_FLAGS,
  run: (k) => fromFiles(k, (documents, source) => k.kube.replaceAll(documents, inputOptions(k, source))),
};

/**
 * Creates what a generator built (`create deployment`, `run`, `expose`); under `--dry-run=client -o yaml|json`
 * prints it instead, as kubectl does when a learner wants a manifest to start from.
 */
export function createGenerated(k: Kubectl, manifest: Record<string, unknown>, verb = 'created'): number {
  const mode = dryRunOf(k);
  if ('error' in mode) return k.fail(mode.error);
  const { dryRun } = mode;
  const output = k.flags.string('output');
  if (dryRun === 'client' && (output === 'yaml' || output === 'json')) {
    k.out(output === 'yaml' ? toYaml(manifest) : toJson(manifest));
    return 0;
  }
  const results = k.kube.createAll([manifest], {
    namespace: k.namespace,
    ...(dryRun !== undefined && { dryRun }),
  });
  return k.report(
    results.map((r) => (r.ok ? { ...r, message: r.message.replace(/ created( \(|$)/, ` ${verb}$1`) } : r)),
  );
}

export const create: Subcommand = {
  flags: [
    ...FILE_FLAGS,
    { name: 'save-config', type: 'bool' },
    { name: 'image', type: 'strings' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
    ...SECRET_FLAGS,
    ...RBAC_FLAGS,
  ],
  run: async (k) => {
    const [what, name] = k.args;
    if (what === 'role' || what === 'rolebinding') {
      const manifest = what === 'role' ? roleManifest(k, name) : roleBindingManifest(k, name);
      return typeof manifest === 'number' ? manifest : createGenerated(k, manifest);
    }
    if (what === 'configmap' || what === 'cm') {
      const configMap = await configMapManifest(k, name);
      return typeof configMap === 'number' ? configMap : createGenerated(k, configMap);
    }
    if (what === 'secret') {
      const secret = await secretManifest(k, k.args[1], k.args[2]);
      return typeof secret === 'number' ? secret : createGenerated(k, secret);
    }
    if (what === 'deployment' || what === 'deploy') {
      if (name === undefined)
        return k.fail(
          "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples",
        );
      const images = k.flags.strings('image');
      if (images.length === 0) return k.fail('error: required flag(s) "image" not set');
      const port = k.flags.int('port');
      return createGenerated(
        k,
        deploymentManifest({
          name,
          namespace: k.namespace,
          image: images[0]!,
          replicas: k.flags.int('replicas') ?? 1,
          ...(port !== undefined && { port }),
          command: k.rest ?? [],
        }),
      );
    }
    if (what === 'namespace' || what === 'ns') {
      if (name === undefined)
        return k.fail(
          "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples",
        );
      return k.report(
        k.kube.createAll([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }], { namespace: k.namespace }),
      );
    }
    if (what === 'serviceaccount' || what === 'sa') {
      if (name === undefined) return k.fail('error: exactly one NAME is required, got 0');
      return k.report(
        k.kube.createAll([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: k.namespace } }], {
          namespace: k.namespace,
        }),
      );
    }
    if (what !== undefined) return k.fail(`error: unknown command "${what}" for "kubectl create"`);
    return fromFiles(k, (documents, source, dryRun) =>
      k.kube.createAll(documents, {
        ...inputOptions(k, source),
        saveConfig: k.flags.bool('save-config'),
        ...(dryRun !== undefined && { dryRun }),
      }),
    );
  },
};

export const del: Subcommand = {
  flags: [
    ...FILE_FLAGS,
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
  ],
  run: async (k) => {
    const grace = k.flags.bool('now') ? 1 : k.flags.int('grace-period');
    const options = {
      namespace: k.namespace,
      ignoreNotFound: k.flags.bool('ignore-not-found'),
      ...(grace !== undefined && { gracePeriodSeconds: grace }),
    };
    if (k.flags.strings('filename').length > 0) {
      return fromFiles(k, (documents, source) =>
        k.kube.deleteAll(documents, { ...options, ...inputOptions(k, source) }),
      );
    }
    const [kinds, ...names] = k.args;
    if (kinds === undefined) {
      return k.fail(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    const results: VerbResult[] = [];
    const pairs = kinds.includes('/')
      ? k.args.map((a) => a.split('/', 2) as [string, string])
      : kinds.split(',').map((t) => [t, ''] as [string, string]);
    for (const [typeName, slashName] of pairs) {
      const type = k.resolveType(typeName);
      if (!('kind' in type)) return k.failError(type);
      const targets = slashName !== '' ? [slashName] : names;
      if (targets.length > 0) {
        if (k.allNamespaces) return k.fail(NAME_ACROSS_NAMESPACES);
        results.push(...k.kube.delete(type, targets, options));
        continue;
      }
      if (!k.flags.bool('all') && !k.flags.has('selector')) {
        return k.fail('error: resource(s) were provided, but no name was specified');
      }
      const selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : () => true;
      const found = k.listTargets(type).filter((o) => selector(o.metadata.labels ?? {}));
      if (found.length === 0) {
        k.err(`No resources found${type.namespaced && !k.allNamespaces ? ` in ${k.namespace} namespace` : ''}\n`);
        continue;
      }
      // Under -A each object is deleted in its own namespace.
      for (const object of found) {
        const namespace = object.metadata.namespace ?? options.namespace;
        results.push(...k.kube.delete(type, [object.metadata.name], { ...options, namespace }));
      }
    }
    return k.report(results);
  },
};

/** `key=value` sets, `key-` removes, as kubectl label / annotate parse them. */
function parseChanges(args: readonly string[]): MetadataChanges | string {
  const changes: MetadataChanges = {};
  for (const arg of args) {
    if (arg.endsWith('-') && !arg.includes('=')) changes[arg.slice(0, -1)] = null;
    else if (arg.includes('=')) {
      const eq = arg.indexOf('=');
      changes[arg.slice(0, eq)] = arg.slice(eq + 1);
    } else return `error: at least one label update is required`;
  }
  return changes;
}

function metadataVerb(which: 'label' | 'annotate'): Subcommand {
  return {
    flags: [
      { name: 'overwrite', type: 'bool' },
      { name: 'all', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
    ],
    run: async (k) => {
      const [first = '', ...rest] = k.args;
      let typeName = first;
      let names: string[];
      let changeArgs: string[];
      if (first.includes('/')) {
        const [t = '', n = ''] = first.split('/', 2);
        typeName = t;
        names = [n];
        changeArgs = rest;
      } else {
        names = rest.filter((a) => !a.includes('=') && !a.endsWith('-'));
        changeArgs = rest.filter((a) => a.includes('=') || a.endsWith('-'));
      }
      const type = k.resolveType(typeName);
      if (!('kind' in type)) return k.failError(type);
      const changes = parseChanges(changeArgs);
      if (typeof changes === 'string') return k.fail(changes);
      if (Object.keys(changes).length === 0)
        return k.fail(`error: at least one ${which === 'label' ? 'label' : 'annotation'} update is required`);
      if (names.length > 0 && k.allNamespaces) return k.fail(NAME_ACROSS_NAMESPACES);
      let targets = names.map((name) => ({ name, namespace: k.namespace }));
      if (names.length === 0 && (k.flags.bool('all') || k.flags.has('selector'))) {
        const selector = k.flags.has('selector') ? parseLabelSelector(k.flags.string('selector')!) : () => true;
        targets = k
          .listTargets(type)
          .filter((o) => selector(o.metadata.labels ?? {}))
          .map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace ?? k.namespace }));
      }
      const overwrite = k.flags.bool('overwrite');
      return k.report(
        targets.map(({ name, namespace }) =>
          which === 'label'
            ? k.kube.label(type, name, changes, { namespace, overwrite })
            : k.kube.annotate(type, name, changes, { namespace, overwrite }),
        ),
      );
    },
  };
}

export const label = metadataVerb('label');
export const annotate = metadataVerb('annotate');

export const patch: Subcommand = {
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'dry-run', type: 'string', noValue: 'client' },
  ],
  run: async (k) => {
    const [first = '', second] = k.args;
    const [typeName, name] = first.includes('/') ? (first.split('/', 2) as [string, string]) : [first, second ?? ''];
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return k.failError(type);
    const body = k.flags.string('patch');
    if (body === undefined) return k.fail('error: must specify -p to patch');
    const patchType = (k.flags.string('type') ?? 'strategic') as PatchType;
    if (!['strategic', 'merge', 'json'].includes(patchType)) {
      return k.fail(`error: --type must be one of [json merge strategic], not "${patchType}"`);
    }
    return k.report([k.kube.patch(type, name, body, { namespace: k.namespace, type: patchType })]);
  },
};

export const scale: Subcommand = {
  flags: [{ name: 'replicas', type: 'int' }],
  run: async (k) => {
    const replicas = k.flags.int('replicas');
    if (replicas === undefined)
      return k.fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const [first = '', second] = k.args;
    const [typeName, name] = first.includes('/') ? (first.split('/', 2) as [string, string]) : [first, second ?? ''];
    const type = k.resolveType(typeName);
    if (!('kind' in type)) return k.failError(type);
    return k.report([k.kube.scale(type, name, replicas, { namespace: k.namespace })]);
  },
};
