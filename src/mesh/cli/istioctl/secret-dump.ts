/**
 * `istioctl proxy-config secret -o json`: the proxy's SecretsConfigDump as istioctl marshals it (the whole dump
 * message, `{"dynamicActiveSecrets": […]}`), so istio.io's
 * `jq '.dynamicActiveSecrets[] … .tlsCertificate.certificateChain.inlineBytes' | base64 -d` pipelines work. The
 * admin's dump already holds PEM as base64 bytes and a redacted private key (envoy/admin/config-dump.ts).
 */
import type { ProxyAdminView } from '../../index';
import { istioctlJson } from './proto-json';

type Json = Record<string, unknown>;

export function secretDumpJson(admin: ProxyAdminView): string {
  const dump = admin.configDump();
  const secrets = ((dump.configs as Json[] | undefined) ?? []).find((c) =>
    String(c['@type']).endsWith('SecretsConfigDump'),
  );
  const { '@type': _type, ...rest } = secrets ?? {};
  return istioctlJson(rest);
}
