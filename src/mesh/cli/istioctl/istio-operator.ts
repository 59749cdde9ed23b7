import type { IstioOperatorSpec } from '../../index';
import { parseManifests } from '../format/manifests';
import { resolvePath, type CommandIo } from '../io';

type Tree = Record<string, unknown>;

export type OperatorInput = { ok: true; spec: IstioOperatorSpec; profile: string } | { ok: false; message: string };

/** The profiles istioctl ships (manifests/profiles); the simulator installs the four it models, others as default. */
const PROFILES = new Set([
  'default',
  'demo',
  'minimal',
  'empty',
  'preview',
  'ambient',
  'remote',
  'openshift',
  'stable',
]);

/**
 * The keys IstioOperator's Go types accept at each level we check. istioctl decodes the merged spec with
 * DisallowUnknownFields, so a typo anywhere in these types fails the install; `values` and `meshConfig`
 * are free-form at this stage, as in istioctl.
 */
const SPEC_KEYS = new Set([
  'profile',
  'installPackagePath',
  'namespace',
  'hub',
  'tag',
  'revision',
  'compatibilityVersion',
  'meshConfig',
  'components',
  'values',
  'unvalidatedValues',
]);
const COMPONENT_NAMES = new Set([
  'base',
  'pilot',
  'cni',
  'ztunnel',
  'istiodRemote',
  'ingressGateways',
  'egressGateways',
]);
const COMPONENT_KEYS = new Set(['enabled', 'namespace', 'hub', 'tag', 'k8s', 'name', 'label']);
const K8S_KEYS = new Set([
  'affinity',
  'env',
  'hpaSpec',
  'imagePullPolicy',
  'nodeSelector',
  'podDisruptionBudget',
  'podAnnotations',
  'priorityClassName',
  'readinessProbe',
  'replicaCount',
  'resources',
  'service',
  'strategy',
  'tolerations',
  'serviceAnnotations',
  'securityContext',
  'volumes',
  'volumeMounts',
  'overlays',
]);

const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** istioctl's MergeFrom: maps merge key by key, anything else (lists too) is replaced. */
function mergeInto(target: Tree, source: Tree): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isTree(current) && isTree(value)) mergeInto(current, value);
    else target[key] = structuredClone(value);
  }
}

/** `--set` values: `true`/`false` and numbers typed, as istioctl's path setter parses them; the rest strings. */
function typedValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** `components.ingressGateways[0].k8s.serviceAnnotations.service\.beta\.kubernetes\.io/x` → its steps. */
function pathSteps(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const part of path.split(/(?<!\\)\./)) {
    const m = /^(.*?)((?:\[\d+\])*)$/.exec(part.replaceAll('\\.', '.'))!;
    if (m[1] !== '') steps.push(m[1]!);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

function setPath(root: Tree, path: string, value: unknown): void {
  const steps = pathSteps(path);
  let node: Tree | unknown[] = root;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[step] = value;
      return;
    }
    const next = container[step];
    const fresh = typeof steps[i + 1] === 'number' ? [] : {};
    if (typeof next !== 'object' || next === null) container[step] = fresh;
    node = container[step] as Tree | unknown[];
  });
}

/** The first key Go's strict decoding would refuse, or undefined. */
function unknownField(spec: Tree): string | undefined {
  const unknownIn = (tree: unknown, known: ReadonlySet<string>): string | undefined =>
    isTree(tree) ? Object.keys(tree).find((k) => !known.has(k)) : undefined;
  const top = unknownIn(spec, SPEC_KEYS);
  if (top !== undefined) return top;
  const components = spec['components'];
  const component = unknownIn(components, COMPONENT_NAMES);
  if (component !== undefined) return component;
  for (const entry of Object.values(isTree(components) ? components : {})) {
    for (const c of Array.isArray(entry) ? entry : [entry]) {
      const bad = unknownIn(c, COMPONENT_KEYS) ?? unknownIn(isTree(c) ? c['k8s'] : undefined, K8S_KEYS);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

async function readFileSpec(io: CommandIo, file: string): Promise<Tree | string> {
  const path = file === '-' ? undefined : resolvePath(io.cwd, file);
  if (path !== undefined && !(await io.fs.exists(path))) return `open ${file}: no such file or directory`;
  const parsed = parseManifests(path === undefined ? io.stdin : await io.fs.readFile(path), file);
  if (!parsed.ok) return `unable to parse file: ${parsed.message.replace(/^error: /, '')}`;
  if (parsed.documents.length > 1) return 'contains multiple IstioOperator CRs, only one per file is supported';
  const spec = parsed.documents[0]?.['spec'];
  return isTree(spec) ? spec : {};
}

/**
 * What `istioctl install -f FILE… --set k=v…` asks for, merged as istioctl does: the files in order, then the
 * `--set` paths (relative to `spec`), then checked. Errors carry istioctl's wording after `generate config: `.
 */
export async function readIstioOperator(
  io: CommandIo,
  files: readonly string[],
  sets: readonly string[],
): Promise<OperatorInput> {
  const spec: Tree = {};
  for (const file of files) {
    const fileSpec = await readFileSpec(io, file);
    if (typeof fileSpec === 'string') return { ok: false, message: `merge inputs: ${fileSpec}` };
    mergeInto(spec, fileSpec);
  }
  for (const setting of sets) {
    const eq = setting.indexOf('=');
    if (eq <= 0) return { ok: false, message: `merge inputs: bad --set ${JSON.stringify(setting)}: want key=value` };
    setPath(spec, setting.slice(0, eq), typedValue(setting.slice(eq + 1)));
  }
  const profile = typeof spec['profile'] === 'string' ? spec['profile'] : 'default';
  if (!PROFILES.has(profile)) {
    return {
      ok: false,
      message: `merge inputs: profile "${profile}" not found: open profiles/${profile}.yaml: file does not exist`,
    };
  }
  const unknown = unknownField(spec);
  if (unknown !== undefined) return { ok: false, message: `could not unmarshal: json: unknown field "${unknown}"` };
  return { ok: true, spec: spec as IstioOperatorSpec, profile };
}
