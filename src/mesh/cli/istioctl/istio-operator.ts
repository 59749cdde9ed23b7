import type { IstioOperatorSpec } from '../../index';
import { parseManifests } from '../format/manifests';
import { resolvePath, type CommandIo } from '../io';

type Tree = Record<string, unknown>;

export type OperatorInput = { ok: true; spec: IstioOperatorSpec; profile: string } | { ok: false; message: string };

/**
 * The fields of IstioOperator that istioctl checks, level by level, and the profiles it ships (manifests/profiles;
 * the simulator installs the four it models, others as default). istioctl decodes the merged spec with
 * DisallowUnknownFields, so a typo anywhere in these types fails the install; `values` and `meshConfig` are
 * free-form at this stage, as in istioctl. The lab editor's schema is built from the same lists
 * (scripts/site/editor-schema.mjs), so the editor and `istioctl install -f` agree on a file.
 */
export const ISTIO_OPERATOR_FIELDS = {
  profiles: ['default', 'demo', 'minimal', 'empty', 'preview', 'ambient', 'remote', 'openshift', 'stable'],
  spec: [
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
  ],
  components: ['base', 'pilot', 'cni', 'ztunnel', 'istiodRemote', 'ingressGateways', 'egressGateways'],
  component: ['enabled', 'namespace', 'hub', 'tag', 'k8s', 'name', 'label'],
  k8s: [
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
  ],
} as const;

const PROFILES: ReadonlySet<string> = new Set(ISTIO_OPERATOR_FIELDS.profiles);
const SPEC_KEYS: ReadonlySet<string> = new Set(ISTIO_OPERATOR_FIELDS.spec);
const COMPONENT_NAMES: ReadonlySet<string> = new Set(ISTIO_OPERATOR_FIELDS.components);
const COMPONENT_KEYS: ReadonlySet<string> = new Set(ISTIO_OPERATOR_FIELDS.component);
const K8S_KEYS: ReadonlySet<string> = new Set(ISTIO_OPERATOR_FIELDS.k8s);

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

/**
 * Why istioctl would refuse a (merged) IstioOperator spec, in its words, or undefined: a profile it does not ship
 * or of the wrong type, or a field its types do not have.
 */
export function istioOperatorSpecProblem(spec: Readonly<Record<string, unknown>>): string | undefined {
  const profile = spec['profile'] ?? 'default';
  if (typeof profile !== 'string') {
    const type = Array.isArray(profile)
      ? 'array'
      : typeof profile === 'boolean'
        ? 'bool'
        : typeof profile === 'object'
          ? 'object'
          : typeof profile;
    // Go's encoding/json names the value's JSON type and the field's path from the decoded root.
    return `could not unmarshal: json: cannot unmarshal ${type} into Go struct field IstioOperatorSpec.spec.profile of type string`;
  }
  if (!PROFILES.has(profile))
    return `merge inputs: profile "${profile}" not found: open profiles/${profile}.yaml: file does not exist`;
  const unknown = unknownField(spec as Tree);
  return unknown === undefined ? undefined : `could not unmarshal: json: unknown field "${unknown}"`;
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
  const problem = istioOperatorSpecProblem(spec);
  if (problem !== undefined) return { ok: false, message: problem };
  const profile = typeof spec['profile'] === 'string' ? spec['profile'] : 'default';
  return { ok: true, spec: spec as IstioOperatorSpec, profile };
}
