/**
 * istiod's validating webhook, `validation.istio.io` (configuration `istio-validator-istio-system`): the same
 * checks as Istio 1.30's `pkg/config/validation`, run by the API server on every create and update of an Istio
 * kind while istiod is up. A denial reads `configuration is invalid: <errors>`; warnings pass through to kubectl.
 * Which of Istio's checks are played is listed in README.md beside this file.
 */
import type { AdmissionVerdict, KubeObject, ValidatingWebhook } from '../../kube';
import { validateDestinationRule } from './destination-rule';
import { validateGateway } from './gateway';
import { obj, type Json } from './json';
import { validateAuthorizationPolicy, validatePeerAuthentication, validateRequestAuthentication } from './security';
import { validateServiceEntry, validateSidecar } from './service-entry';
import { validateTelemetry } from './telemetry';
import { formatErrors, Validation } from './validation';
import { validateVirtualService } from './virtual-service';

export const ISTIO_VALIDATION_WEBHOOK = 'validation.istio.io';

type Validator = (spec: Json, name: string, namespace: string) => Validation;

/** Keyed by `Kind.group`: Istio looks a schema up by group and kind, whatever the version. */
const VALIDATORS: Record<string, Validator> = {
  'VirtualService.networking.istio.io': (spec) => validateVirtualService(spec),
  'DestinationRule.networking.istio.io': (spec) => validateDestinationRule(spec),
  'Gateway.networking.istio.io': (spec, name) => validateGateway(name, spec),
  'ServiceEntry.networking.istio.io': (spec) => validateServiceEntry(spec),
  'Sidecar.networking.istio.io': (spec) => validateSidecar(spec),
  'AuthorizationPolicy.security.istio.io': (spec, name, namespace) =>
    validateAuthorizationPolicy(name, namespace, spec),
  'PeerAuthentication.security.istio.io': (spec) => validatePeerAuthentication(spec),
  'RequestAuthentication.security.istio.io': (spec) => validateRequestAuthentication(spec),
  'Telemetry.telemetry.istio.io': (spec) => validateTelemetry(spec),
};

const DRY_RUN_ANNOTATION = 'istio.io/dry-run';

/** Validates one Istio object as the webhook would; undefined for kinds it does not check. */
export function validateIstioObject(object: KubeObject): Validation | undefined {
  const group = object.apiVersion.split('/')[0] ?? '';
  const validator = VALIDATORS[`${object.kind}.${group}`];
  if (validator === undefined) return undefined;
  const name = object.metadata.name;
  const namespace = object.metadata.namespace ?? '';
  const annotations = object.metadata.annotations ?? {};
  // validateMetadata: only an AuthorizationPolicy may be put in dry-run.
  if (annotations[DRY_RUN_ANNOTATION] !== undefined && object.kind !== 'AuthorizationPolicy')
    return new Validation().error(
      `${namespace}/${name} has unsupported annotation ${DRY_RUN_ANNOTATION}, please remove the annotation`,
    );
  return validator(obj((object as { spec?: unknown }).spec) ?? {}, name, namespace);
}

export const istioValidationWebhook: ValidatingWebhook = {
  name: ISTIO_VALIDATION_WEBHOOK,
  review(object): AdmissionVerdict {
    const validation = validateIstioObject(object);
    if (validation === undefined) return { allowed: true };
    if (validation.errors.length > 0)
      return { allowed: false, message: `configuration is invalid: ${formatErrors(validation.errors)}` };
    return { allowed: true, warnings: validation.warnings };
  },
};
