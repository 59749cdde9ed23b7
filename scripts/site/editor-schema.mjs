// The JSON Schema the lab editor (monaco-yaml) checks and completes YAML with, generated at build time from the
// same model packages the simulated API server validates with (src/mesh/kube/schema/models.ts): for every kind
// the API server serves, the TypeScript declarations that @kubernetes-models ships beside its validators (with
// the CRDs' field descriptions) go through ts-json-schema-generator. So the editor cannot drift from
// `kubectl apply`; scripts/site/editor-schema.test.ts proves the two agree on every lab file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { tsImport } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'meshdojo');
const MODELS = join(ROOT, 'src/mesh/kube/schema/models.ts');
const CLI = join(ROOT, 'src/mesh/cli/istioctl/istio-operator.ts');
export const VIRTUAL_ID = 'virtual:meshdojo/editor-schema';

/** The `apiVersion/kind` pairs the API server validates, read from its model registry. */
export async function servedKinds() {
  const { MODELS: models } = await tsImport(MODELS, import.meta.url);
  return [...models.keys()].map((key) => {
    const slash = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
  });
}

/** The declaration module of a kind's model (the packages' layout: one file per group/version/kind). */
function typesModule({ apiVersion, kind }) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === '') return `kubernetes-models/${version}/${kind}`;
  // Kubernetes' own groups (apps, networking.k8s.io, rbac.authorization.k8s.io, …) each have a folder.
  if (group === 'apps' || (group.endsWith('.k8s.io') && group !== 'gateway.networking.k8s.io'))
    return `kubernetes-models/${group}/${version}/${kind}`;
  if (group.endsWith('.istio.io')) return `@kubernetes-models/istio/${group}/${version}/${kind}`;
  if (group === 'gateway.networking.k8s.io') return `@kubernetes-models/gateway-api/${group}/${version}/${kind}`;
  throw new Error(`editor schema: no model package for ${apiVersion} ${kind}`);
}

const refTo = (name) => `#/definitions/${encodeURIComponent(name)}`;

const ISTIO_OPERATOR = { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator' };

/**
 * IstioOperator is read by istioctl (`istioctl install -f`), not served by the API server, and its model package
 * declares no spec; so its branch is built from the field lists istioctl's simulated decoder checks
 * (src/mesh/cli/istioctl/istio-operator.ts): unknown fields are refused where istioctl refuses them, and
 * `values` and `meshConfig` stay free-form, as in istioctl.
 */
async function istioOperatorSchema() {
  const { ISTIO_OPERATOR_FIELDS: fields } = await tsImport(CLI, import.meta.url);
  const closed = (keys, typed = {}) => ({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(keys.map((key) => [key, typed[key] ?? {}])),
  });
  const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
  const component = closed(fields.component, {
    enabled: { type: 'boolean' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    hub: { type: 'string' },
    label: stringMap,
    k8s: closed(fields.k8s, {
      serviceAnnotations: stringMap,
      podAnnotations: stringMap,
      nodeSelector: stringMap,
      replicaCount: { type: 'integer' },
    }),
  });
  // The gateways are lists of components; the others (pilot, cni, …) one component each.
  const gateways = { type: 'array', items: component };
  const components = closed(
    fields.components,
    Object.fromEntries(fields.components.map((name) => [name, name.endsWith('Gateways') ? gateways : component])),
  );
  return {
    type: 'object',
    properties: {
      metadata: { type: 'object' },
      spec: closed(fields.spec, {
        profile: { description: 'The built-in profile the install starts from.', enum: [...fields.profiles] },
        components,
        namespace: { type: 'string' },
        hub: { type: 'string' },
        revision: { type: 'string' },
        meshConfig: { type: 'object' },
        values: { type: 'object' },
      }),
    },
  };
}

/**
 * Renames definitions whose name is taken by a different shape (two versions of a kind declare types of the
 * same name), so every kind keeps exactly its own version's types.
 */
function mergeDefinitions(into, schema, suffix) {
  const renames = new Map();
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
    const taken = into[name];
    if (taken !== undefined && JSON.stringify(taken) !== JSON.stringify(definition))
      renames.set(name, `${name}.${suffix}`);
  }
  let text = JSON.stringify(schema);
  for (const [name, next] of renames) text = text.split(`"${refTo(name)}"`).join(`"${refTo(next)}"`);
  const renamed = JSON.parse(text);
  for (const [name, definition] of Object.entries(renamed.definitions ?? {}))
    into[renames.get(name) ?? name] = definition;
  return renamed.$ref;
}

/**
 * The kind's own type with apiVersion and kind loosened to strings (each version's type fixes them to its own
 * value, which the branch's `if` already tests), so versions of a kind whose fields are the same share one
 * definition.
 */
function withoutTypeMeta(schema) {
  const root = schema.definitions[decodeURIComponent(schema.$ref.slice('#/definitions/'.length))];
  const alias =
    root.$ref === undefined ? root : schema.definitions[decodeURIComponent(root.$ref.slice('#/definitions/'.length))];
  alias.properties.apiVersion = { type: 'string' };
  alias.properties.kind = { type: 'string' };
  return schema;
}

/**
 * The models declare a free-form field (a google.protobuf.Struct such as an EnvoyFilter patch's `value`, which the
 * API server stores as it is) as the empty type `{}`, which the generator turns into an object allowing no
 * properties at all. Such an object is opened again, as the server treats it.
 */
function openFreeFormObjects(node) {
  if (Array.isArray(node)) {
    node.forEach(openFreeFormObjects);
    return node;
  }
  if (typeof node !== 'object' || node === null) return node;
  if (node.type === 'object' && node.additionalProperties === false && node.properties === undefined)
    delete node.additionalProperties;
  Object.values(node).forEach(openFreeFormObjects);
  return node;
}

/**
 * AuthorizationPolicy's CRD says "`provider` or not" (a oneOf of `not: required provider` and `required
 * provider`); the model types it as an intersection with `Exclude<…>` unions, which the generator reads as
 * `provider` required, and every ALLOW or DENY policy would be marked wrong. Its spec requires nothing.
 */
function withCrdRequirements(kind, schema) {
  if (kind === 'AuthorizationPolicy') delete schema.definitions?.IAuthorizationPolicy?.properties?.spec?.required;
  return schema;
}

/** Generates the schema: one `if apiVersion and kind then <that kind's type>` branch per served kind. */
export async function generateEditorSchema(kinds) {
  const served = kinds ?? (await servedKinds());
  mkdirSync(CACHE, { recursive: true });
  // The generator reads a program: one entry file naming every kind's declared interface.
  const entry = join(CACHE, 'editor-schema-entry.ts');
  writeFileSync(
    entry,
    served
      .map((k, i) => `import type { I${k.kind} as I${i} } from '${typesModule(k)}';\nexport type Kind${i} = I${i};`)
      .join('\n'),
  );
  const generator = createGenerator({
    path: entry,
    skipTypeCheck: true,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
  });
  const definitions = {};
  const branches = served.map((k, i) => {
    const suffix = k.apiVersion.replace(/[^a-z0-9]+/gi, '-');
    const schema = withCrdRequirements(
      k.kind,
      openFreeFormObjects(withoutTypeMeta(generator.createSchema(`Kind${i}`))),
    );
    const ref = mergeDefinitions(definitions, schema, suffix);
    return {
      if: {
        properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: ref },
    };
  });
  branches.push({
    if: {
      properties: { apiVersion: { const: ISTIO_OPERATOR.apiVersion }, kind: { const: ISTIO_OPERATOR.kind } },
      required: ['apiVersion', 'kind'],
    },
    then: await istioOperatorSchema(),
  });
  const all = [...served, ISTIO_OPERATOR];
  const unique = (values) => [...new Set(values)].sort();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'A Kubernetes or Istio object',
    type: 'object',
    properties: {
      apiVersion: {
        description: 'The API group and version of the object.',
        enum: unique(all.map((k) => k.apiVersion)),
      },
      kind: { description: 'The kind of object.', enum: unique(all.map((k) => k.kind)) },
    },
    required: ['apiVersion', 'kind', 'metadata'],
    allOf: branches,
    definitions,
  };
}

/** What the schema depends on: the model packages' versions, the generator's version and this file. */
function cacheKey() {
  const require = createRequire(import.meta.url);
  const versions = [
    'kubernetes-models',
    '@kubernetes-models/istio',
    '@kubernetes-models/gateway-api',
    'ts-json-schema-generator',
  ]
    .map((name) => `${name}@${JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version}`)
    .join(',');
  const sources = [fileURLToPath(import.meta.url), MODELS, CLI].map((file) => readFileSync(file, 'utf8')).join('\n');
  return createHash('sha256').update(versions).update(sources).digest('hex').slice(0, 16);
}

/** The schema, from node_modules/.cache when nothing it depends on has changed (generation takes ~2 s). */
export async function editorSchema() {
  const file = join(CACHE, `editor-schema-${cacheKey()}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const schema = await generateEditorSchema();
  for (const old of readdirSync(CACHE).filter((name) => /^editor-schema-.*\.json$/.test(name)))
    rmSync(join(CACHE, old));
  writeFileSync(file, JSON.stringify(schema));
  return schema;
}

/** A Vite plugin serving the schema as `virtual:meshdojo/editor-schema` (its default export). */
export function editorSchemaPlugin() {
  const resolved = `\0${VIRTUAL_ID}`;
  return {
    name: 'meshdojo-editor-schema',
    resolveId: (id) => (id === VIRTUAL_ID ? resolved : undefined),
    // JSON.parse of one string: V8 reads a big JSON text faster than the same data as an object literal.
    load: async (id) =>
      id === resolved
        ? `export default JSON.parse(${JSON.stringify(JSON.stringify(await editorSchema()))});`
        : undefined,
  };
}
