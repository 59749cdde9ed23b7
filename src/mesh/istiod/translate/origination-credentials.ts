import type { Secret } from '../../xds';
import type { ClientTLSSettings, TrafficPolicy } from '../model/istio-api';
import type { MeshSnapshot, ProxyInfo } from '../model/snapshot';
import { addCredentialSecrets } from './gateway-tls';

function tlsSettingsOf(policy: TrafficPolicy | undefined): ClientTLSSettings[] {
  if (policy === undefined) return [];
  const all = [policy.tls, ...(policy.portLevelSettings ?? []).map((p) => p.tls)];
  return all.filter((tls): tls is ClientTLSSettings => tls !== undefined);
}

function selects(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/**
 * The credentials a sidecar originates TLS with (DestinationRule `tls.credentialName` in SIMPLE or MUTUAL mode,
 * in the proxy's namespace and selecting it): the key pair for MUTUAL, the CA bundle for both.
 */
export function buildOriginationCredentialSecrets(snapshot: MeshSnapshot, proxy: ProxyInfo): Secret[] {
  const namespace = proxy.workload.namespace;
  const out = new Map<string, Secret>();
  for (const dr of snapshot.destinationRules) {
    if (dr.meta.namespace !== namespace || !selects(dr.spec.workloadSelector?.matchLabels, proxy.workload.labels))
      continue;
    const policies = [dr.spec.trafficPolicy, ...(dr.spec.subsets ?? []).map((s) => s.trafficPolicy)];
    for (const tls of policies.flatMap(tlsSettingsOf)) {
      if (tls.credentialName === undefined || (tls.mode !== 'SIMPLE' && tls.mode !== 'MUTUAL')) continue;
      addCredentialSecrets(out, snapshot, namespace, tls.credentialName, { keyPair: tls.mode === 'MUTUAL', ca: true });
    }
  }
  return [...out.values()];
}
