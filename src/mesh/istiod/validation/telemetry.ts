/** ValidateTelemetry: selector, providers named, sampling in range, tag overrides consistent. */
import { validateOneOfSelectorType, validateWorkloadSelector } from './checks';
import { arr, obj, str, type Json } from './json';
import { Validation } from './validation';

function providerError(providers: unknown): string | undefined {
  return arr(providers).some((p) => str(obj(p)?.name) === '') ? 'providers.name may not be empty' : undefined;
}

export function validateTelemetry(spec: Json): Validation {
  const v = new Validation();
  v.error(validateOneOfSelectorType(spec));
  v.add(validateWorkloadSelector(spec.selector));
  for (const item of arr(spec.metrics)) {
    const metrics = obj(item);
    if (metrics === undefined) continue;
    v.error(providerError(metrics.providers));
    for (const o of arr(metrics.overrides)) {
      const override = obj(o);
      if (override === undefined) {
        v.error('tagOverrides may not be null');
        continue;
      }
      for (const [tag, t] of Object.entries(obj(override.tagOverrides) ?? {})) {
        if (tag === '') v.warn('tagOverrides.name may not be empty');
        const to = obj(t);
        if (to === undefined) {
          v.error('tagOverrides may not be null');
          continue;
        }
        const operation = str(to.operation) || 'UPSERT';
        if (operation === 'UPSERT' && str(to.value) === '')
          v.error('tagOverrides.value must be set when operation is UPSERT');
        if (operation === 'REMOVE' && str(to.value) !== '')
          v.error('tagOverrides.value may only be set when operation is UPSERT');
      }
    }
  }
  const tracing = arr(spec.tracing);
  if (tracing.length > 1) v.warn('multiple tracing is not currently supported');
  for (const item of tracing) {
    const t = obj(item);
    if (t === undefined) continue;
    if (arr(t.providers).length > 1) v.warn('multiple providers is not currently supported');
    v.error(providerError(t.providers));
    const sampling = obj(t.randomSamplingPercentage)?.value ?? t.randomSamplingPercentage;
    if (typeof sampling === 'number' && (sampling < 0 || sampling > 100))
      v.error('randomSamplingPercentage must be in range [0.0, 100.0]');
  }
  for (const item of arr(spec.accessLogging)) v.error(providerError(obj(item)?.providers));
  return v;
}
