/**
 * The OpenAPI schemas of every served kind and version, taken from the published model packages: core and
 * apps from kubernetes-models (the Kubernetes OpenAPI), Istio's CRDs from @kubernetes-models/istio (Istio
 * 1.29's crd-all.gen.yaml), Gateway API from @kubernetes-models/gateway-api. Each model class exposes
 * `validate()`; calling it on a foreign object (see runSchema) lets us validate plain parsed YAML.
 */
import type { ModelClass } from './models';

/** One Ajv error as the model packages report it. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export type SchemaOutcome =
  | { kind: 'valid' }
  | { kind: 'invalid'; errors: SchemaError[] }
  /**
   * The schema could not run here: the Gateway API models compile with `new Function`, which a CSP forbids;
   * or the models are not loaded yet (only the sandbox's own boot manifests are applied then).
   */
  | { kind: 'unavailable' };

/** The group whose models compile their schemas at run time (Ajv, `new Function`); the others ship compiled. */
const RUNTIME_COMPILED_GROUP = 'gateway.networking.k8s.io/';

let compiles: boolean | undefined;

/** Whether this context may compile code: a CSP without 'unsafe-eval' (the terminal's Worker) forbids it. */
function canCompileSchemas(): boolean {
  if (compiles === undefined) {
    try {
      // A probe for exactly what Ajv will do.
      compiles = (new Function('return true') as () => boolean)();
    } catch {
      compiles = false;
    }
  }
  return compiles;
}

let models: ReadonlyMap<string, ModelClass> | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the schema models (once). createCluster waits for them by default; the browser sandbox boots its
 * cluster from our own manifests first and loads them after the prompt is up, before the learner's first
 * command runs.
 */
export function loadSchemaModels(): Promise<void> {
  loading ??= import('./models').then((module) => void (models = module.MODELS));
  return loading;
}

/**
 * Validates `data` (possibly a read-tracking proxy, see strict.ts) against the schema of apiVersion/kind.
 * The validator is called with `this` = an object whose prototype is the model's, so both model
 * generations (precompiled validate functions, and schema ids looked up on the prototype) find their schema.
 */
export function runSchema(apiVersion: string, kind: string, data: object): SchemaOutcome {
  if (models === undefined) return { kind: 'unavailable' };
  // Ajv logs every schema it fails to compile before it throws: where it cannot, do not ask it.
  if (!canCompileSchemas() && apiVersion.startsWith(RUNTIME_COMPILED_GROUP)) return { kind: 'unavailable' };
  const model = models.get(`${apiVersion}/${kind}`);
  if (model === undefined) return { kind: 'valid' };
  const validate = (model.prototype as { validate?: () => void }).validate;
  if (typeof validate !== 'function') return { kind: 'valid' };
  try {
    validate.call(data);
    return { kind: 'valid' };
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return { kind: 'invalid', errors: errors as SchemaError[] };
    return { kind: 'unavailable' };
  }
}

/** A prototype-carrying shell for runSchema: the model's prototype, the document's own fields. */
export function modelShell(apiVersion: string, kind: string, data: Record<string, unknown>): Record<string, unknown> {
  const model = models?.get(`${apiVersion}/${kind}`);
  const shell = Object.create(model?.prototype ?? Object.prototype) as Record<string, unknown>;
  return Object.assign(shell, data);
}
