import type { JwtRequirement } from '../../../xds/index';
import { JWT_STATUS, type JwtStatus } from './jwt-status';
import type { CompiledProvider, JwtRequest } from './provider';

/** A compiled JwtRequirement: verifies one request and answers with a status (Envoy: Verifier). */
export type Requirement = (request: JwtRequest) => Promise<JwtStatus>;

/** Tries a provider's tokens in turn; the first that verifies wins, else the last failure stands. */
function providerRequirement(provider: CompiledProvider): Requirement {
  return async (request) => {
    const tokens = provider.extract(request);
    if (tokens.length === 0) return JWT_STATUS.missing;
    let status: JwtStatus = JWT_STATUS.missing;
    for (const found of tokens) {
      const result = await provider.verify(found.token, request.nowSeconds);
      if (typeof result === 'string') {
        status = result;
        continue;
      }
      provider.accept(result, found, request);
      return JWT_STATUS.ok;
    }
    return status;
  };
}

/**
 * allow_missing / allow_missing_or_failed on their own: every provider's locations, each token checked
 * against the provider of its issuer. A missing token passes both; a failed one passes only the latter.
 */
function anyProviderRequirement(providers: readonly CompiledProvider[], allowFailed: boolean): Requirement {
  return async (request) => {
    let status: JwtStatus = JWT_STATUS.missing;
    for (const provider of providers) {
      for (const found of provider.extract(request)) {
        const result = await provider.verify(found.token, request.nowSeconds);
        if (typeof result !== 'string') {
          provider.accept(result, found, request);
          return JWT_STATUS.ok;
        }
        if (result !== JWT_STATUS.unknownIssuer || status === JWT_STATUS.missing) status = result;
      }
    }
    return allowFailed || status === JWT_STATUS.missing ? JWT_STATUS.ok : status;
  };
}

/**
 * requires_any. A missing token and an unknown issuer say only "not this provider's", so a real failure of
 * another child is reported first; allow_missing turns a plain "missing" into OK, allow_missing_or_failed
 * turns everything into OK.
 */
function anyRequirement(children: readonly Requirement[], allowMissing: boolean, allowFailed: boolean): Requirement {
  return async (request) => {
    let final: JwtStatus = JWT_STATUS.missing;
    for (const child of children) {
      const status = await child(request);
      if (status === JWT_STATUS.ok) return status;
      if ((status !== JWT_STATUS.missing && status !== JWT_STATUS.unknownIssuer) || final === JWT_STATUS.missing)
        final = status;
    }
    if (allowFailed || (allowMissing && final === JWT_STATUS.missing)) return JWT_STATUS.ok;
    return final;
  };
}

function allRequirement(children: readonly Requirement[]): Requirement {
  return async (request) => {
    for (const child of children) {
      const status = await child(request);
      if (status !== JWT_STATUS.ok) return status;
    }
    return JWT_STATUS.ok;
  };
}

/** Compiles a requirement against the filter's providers; no requirement at all lets everything pass. */
export function compileRequirement(
  requirement: JwtRequirement | undefined,
  providers: ReadonlyMap<string, CompiledProvider>,
): Requirement {
  if (requirement === undefined) return async () => JWT_STATUS.ok;
  if (requirement.provider_name !== undefined) {
    const provider = providers.get(requirement.provider_name);
    // The config check refuses unknown names; this keeps a lab's hand-built config from passing silently.
    if (provider === undefined) return async () => JWT_STATUS.unknownIssuer;
    return providerRequirement(provider);
  }
  if (requirement.requires_all !== undefined)
    return allRequirement(requirement.requires_all.requirements.map((r) => compileRequirement(r, providers)));
  if (requirement.requires_any !== undefined) {
    const list = requirement.requires_any.requirements;
    const allowFailed = list.some((r) => r.allow_missing_or_failed !== undefined);
    const allowMissing = list.some((r) => r.allow_missing !== undefined);
    const children = list
      .filter((r) => r.allow_missing === undefined && r.allow_missing_or_failed === undefined)
      .map((r) => compileRequirement(r, providers));
    if (children.length === 0) return anyProviderRequirement([...providers.values()], allowFailed);
    return anyRequirement(children, allowMissing, allowFailed);
  }
  if (requirement.allow_missing_or_failed !== undefined) return anyProviderRequirement([...providers.values()], true);
  if (requirement.allow_missing !== undefined) return anyProviderRequirement([...providers.values()], false);
  return async () => JWT_STATUS.ok;
}
