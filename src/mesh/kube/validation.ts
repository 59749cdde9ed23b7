/**
 * Server-side validation of one submitted object, in the order the API server runs it: decode (strict field
 * validation, JSON types), then the schema, then the kind's own rules. Produces the error kubectl would print.
 */
import { decodeError, invalidError, type KubeError, type RequestSource, type StatusCause } from './errors';
import { apiVersionOf, type ResourceType } from './resources';
import { goDecodeProblem, schemaCauses } from './schema/causes';
import { durationRuleCauses } from './schema/duration-rule';
import { trackReads } from './schema/strict';
import { modelShell, runSchema } from './schema/validators';
import type { ObjectInput } from './types';
import { labelCauses, validateBuiltinRules } from './validation-rules';

/** Validates `input` (already known to be of `type`, written in `version`); undefined when it is acceptable. */
export function validateObject(
  input: ObjectInput,
  type: ResourceType,
  version: string,
  request?: RequestSource,
): KubeError | undefined {
  const apiVersion = apiVersionOf(type, version);
  const name = String((input.metadata as Record<string, unknown> | undefined)?.name ?? '');
  const shell = modelShell(apiVersion, type.kind, input);
  const tracker = trackReads(shell);
  const outcome = runSchema(apiVersion, type.kind, tracker.proxy);
  const errors = outcome.kind === 'invalid' ? outcome.errors : [];
  const unknown = outcome.kind === 'unavailable' ? [] : tracker.unknownFields();
  const strictProblem =
    unknown.length === 0
      ? undefined
      : `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`;

  // metadata is always decoded into Go's ObjectMeta, even for custom resources.
  const metadataErrors = errors.filter((e) => e.instancePath.startsWith('/metadata'));
  const decodeErrors = type.crd === undefined ? errors : metadataErrors;
  const typeProblem = goDecodeProblem(decodeErrors, input, type.kind);
  // Built-in kinds fail on a wrong JSON type before unknown fields are reported; custom resources are pruned
  // (unknown fields) before their schema runs.
  const firstProblem = type.crd === undefined ? (typeProblem ?? strictProblem) : (strictProblem ?? typeProblem);
  if (firstProblem !== undefined) return decodeError(type, version, firstProblem, request);

  const causes: StatusCause[] = [
    ...nameCauses(type, name),
    ...schemaCauses(errors, input, type.crd !== undefined),
    ...(type.crd === undefined
      ? validateBuiltinRules(type.kind, input)
      : [...labelCauses(input), ...durationRuleCauses(type.group, type.kind, input)]),
  ];
  return causes.length === 0 ? undefined : invalidError(type, name, causes, request);
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** metadata.name rules: namespaces are RFC 1123 labels, services RFC 1035 labels, the rest RFC 1123 subdomains. */
export function nameCauses(type: ResourceType, name: string): StatusCause[] {
  const invalid = (detail: string): StatusCause[] => [
    { field: 'metadata.name', detail: `Invalid value: ${JSON.stringify(name)}: ${detail}` },
  ];
  if (type.kind === 'Namespace' && type.group === '') {
    if (name.length > 63) return invalid('must be no more than 63 characters');
    if (!DNS1123_LABEL.test(name)) {
      return invalid(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and " +
          "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is " +
          "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      );
    }
    return [];
  }
  if (type.kind === 'Service' && type.group === '') {
    if (name.length > 63) return invalid('must be no more than 63 characters');
    if (!DNS1035_LABEL.test(name)) {
      return invalid(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic " +
          "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for " +
          "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      );
    }
    return [];
  }
  if (name.length > 253) return invalid('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return invalid(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
        "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return [];
}
