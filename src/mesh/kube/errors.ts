import { kindRef, resourceRef, type ResourceType } from './resources';

/**
 * API errors, worded as kubectl prints them. A server error carries a metav1.Status-like reason and message;
 * kubectl prefixes the message with where the object came from ("error when creating "STDIN": …") and then
 * prints it one of two ways: alone (`The Deployment "x" is invalid: …`) when it is the command's only
 * error, or as `Error from server (Invalid): …` inside a list of several. Both are kept here so the CLI
 * prints exactly what kubectl would (see formatKubectlErrors).
 */

export type StatusReason =
  'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'Forbidden' | 'UnsupportedMediaType';

const STATUS_CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Invalid: 422,
  BadRequest: 400,
  Conflict: 409,
  Forbidden: 403,
  UnsupportedMediaType: 415,
};

/** One field error of an Invalid status: `field: detail` (field may be '' for whole-object rules). */
export interface StatusCause {
  field: string;
  detail: string;
}

/** Where a request came from, for kubectl's "error when creating "STDIN": " prefix. */
export interface RequestSource {
  /** The file name, or `STDIN` for `-f -`; absent for commands that name the object on the command line. */
  source?: string;
  verb: 'creating' | 'replacing' | 'patching' | 'deleting';
  /** For `kubectl apply` of an existing object: the patch and target that kubectl names in its message. */
  patch?: { body: string; type: ResourceType; version: string; name: string; namespace: string | undefined };
}

export class KubeError extends Error {
  /** Server errors have a reason (HTTP status); client-side errors (`error: …`) do not. */
  readonly reason: StatusReason | undefined;
  readonly code: number | undefined;
  readonly causes: readonly StatusCause[];
  /** The line kubectl prints when this error is one of several. */
  readonly aggregateMessage: string;

  constructor(options: { message: string; aggregateMessage?: string; reason?: StatusReason; causes?: StatusCause[] }) {
    super(options.message);
    this.name = 'KubeError';
    this.reason = options.reason;
    this.code = options.reason === undefined ? undefined : STATUS_CODES[options.reason];
    this.causes = options.causes ?? [];
    this.aggregateMessage = options.aggregateMessage ?? options.message;
  }
}

/** What kubectl prints for a command's errors: one error alone, several one per line in the aggregate form. */
export function formatKubectlErrors(errors: readonly KubeError[]): string {
  if (errors.length === 1) return errors[0]!.message;
  return errors.map((e) => e.aggregateMessage).join('\n');
}

/** What the API server said, without kubectl's `Error from server (Reason): ` (as a controller's event quotes it). */
export function serverMessage(error: KubeError): string {
  return error.message.replace(/^Error from server \(\w+\): /, '');
}

/** Adds the request's origin the way kubectl's AddSourceToErr does. */
function withSource(message: string, request: RequestSource | undefined): string {
  if (request?.source === undefined) return message;
  const source = JSON.stringify(request.source);
  if (request.patch !== undefined) {
    const p = request.patch;
    const gv = p.type.group === '' ? `/${p.version}` : `${p.type.group}/${p.version}`;
    return (
      `error when applying patch:\n${p.body}\nto:\n` +
      `Resource: "${gv}, Resource=${p.type.plural}", GroupVersionKind: "${gv}, Kind=${p.type.kind}"\n` +
      `Name: "${p.name}", Namespace: "${p.namespace ?? ''}"\n` +
      `for: ${source}: error when patching ${source}: ${message}`
    );
  }
  return `error when ${request.verb} ${source}: ${message}`;
}

function serverError(reason: StatusReason, message: string, request: RequestSource | undefined): KubeError {
  return new KubeError({ reason, message: `Error from server (${reason}): ${withSource(message, request)}` });
}

export function notFoundError(type: ResourceType, name: string, request?: RequestSource): KubeError {
  return serverError('NotFound', `${resourceRef(type)} "${name}" not found`, request);
}

export function namespaceNotFoundError(namespace: string, request?: RequestSource): KubeError {
  return serverError('NotFound', `namespaces "${namespace}" not found`, request);
}

export function alreadyExistsError(type: ResourceType, name: string, request?: RequestSource): KubeError {
  return serverError('AlreadyExists', `${resourceRef(type)} "${name}" already exists`, request);
}

export function conflictError(type: ResourceType, name: string, request?: RequestSource): KubeError {
  return serverError(
    'Conflict',
    `Operation cannot be fulfilled on ${resourceRef(type)} "${name}": the object has been modified; ` +
      'please apply your changes to the latest version and try again',
    request,
  );
}

/** An admission refusal: `pods "x" is forbidden: unable to create new content in namespace …`. */
export function forbiddenError(type: ResourceType, name: string, why: string, request?: RequestSource): KubeError {
  return serverError('Forbidden', `${resourceRef(type)} "${name}" is forbidden: ${why}`, request);
}

/**
 * A validating webhook's denial. The API server gives it no reason (the webhook set none), so kubectl prints
 * `Error from server: …` without a `(Reason)`, and the webhook's message follows `denied the request: `.
 */
export function webhookDeniedError(webhook: string, message: string, request?: RequestSource): KubeError {
  return new KubeError({
    message: `Error from server: ${withSource(`admission webhook "${webhook}" denied the request: ${message}`, request)}`,
  });
}

/** A body the server could not decode into the kind: unknown fields under strict validation, wrong JSON types. */
export function decodeError(type: ResourceType, version: string, problem: string, request?: RequestSource): KubeError {
  return serverError(
    'BadRequest',
    `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: ${problem}`,
    request,
  );
}

/** A 422: the object decoded but breaks its schema or validation rules. */
export function invalidError(
  type: ResourceType,
  name: string,
  causes: StatusCause[],
  request?: RequestSource,
): KubeError {
  const lines = causes.map((c) => `${c.field}: ${c.detail}`);
  const standalone =
    lines.length === 1
      ? `The ${type.kind} "${name}" is invalid: ${lines[0]}`
      : `The ${type.kind} "${name}" is invalid: \n${lines.map((l) => `* ${l}`).join('\n')}`;
  const qualifiedKind = type.group === '' ? type.kind : `${type.kind}.${type.group}`;
  const aggregated = lines.length === 1 ? lines[0]! : `[${lines.join(', ')}]`;
  return new KubeError({
    reason: 'Invalid',
    causes,
    message: standalone,
    aggregateMessage: `Error from server (Invalid): ${withSource(`${qualifiedKind} "${name}" is invalid: ${aggregated}`, request)}`,
  });
}

/** A strategic merge patch sent to a custom resource, which only takes JSON and merge patches. */
export function unsupportedPatchError(): KubeError {
  return serverError(
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, ' +
      'application/merge-patch+json, application/apply-patch+yaml',
    undefined,
  );
}

/** An error kubectl itself raises before or instead of a request: printed as `error: …`. */
export function clientError(message: string): KubeError {
  return new KubeError({ message: `error: ${message}` });
}

/** kubectl found no kind for the object's apiVersion/kind in discovery (its CRD is not installed). */
export function noKindMatchError(
  name: string,
  namespace: string,
  source: string | undefined,
  kind: string,
  apiVersion: string,
): KubeError {
  return clientError(
    `resource mapping not found for name: "${name}" namespace: "${namespace}" from "${source ?? ''}": ` +
      `no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
  );
}

/** `kubectl get foo` for a name discovery does not know. */
export function unknownResourceTypeError(name: string): KubeError {
  return new KubeError({ message: `error: the server doesn't have a resource type "${name}"` });
}

/** The success line kubectl prints: `deployment.apps/reviews-v1 created`. */
export function successLine(type: ResourceType, name: string, action: string): string {
  return `${kindRef(type)}/${name} ${action}`;
}
