/**
 * `istioctl proxy-config secret -o json`: the proxy's SecretsConfigDump as istioctl marshals it (protojson: field
 * names in lowerCamelCase, bytes as base64, four-space indent), so istio.io's
 * `jq '.dynamicActiveSecrets[] … .tlsCertificate.certificateChain.inlineBytes' | base64 -d` pipelines work.
 * Envoy's admin redacts private keys; the dump says `[redacted]` where the key would be.
 */
import type { ProxyAdminView } from '../../index';

type Json = Record<string, unknown>;

const REDACTED = '[redacted]';

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const camel = (key: string): string => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A DataSource as protojson writes it: PEM held inline becomes bytes; a private key is redacted. */
function dataSource(value: Json, isPrivateKey: boolean): Json {
  const text = value.inline_string ?? value.inline_bytes;
  if (typeof text !== 'string') return toProtoJson(value) as Json;
  return { inlineBytes: base64(isPrivateKey ? REDACTED : text) };
}

function toProtoJson(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => toProtoJson(v));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Json;
  if (key === 'certificate_chain' || key === 'trusted_ca') return dataSource(obj, false);
  if (key === 'private_key') return dataSource(obj, true);
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.startsWith('@') ? k : camel(k), toProtoJson(v, k)]));
}

export function secretDumpJson(admin: ProxyAdminView): string {
  const dump = admin.configDump();
  const secrets = ((dump.configs as Json[] | undefined) ?? []).find((c) =>
    String(c['@type']).endsWith('SecretsConfigDump'),
  );
  const { '@type': _type, ...rest } = secrets ?? {};
  return `${JSON.stringify(toProtoJson(rest), null, 4)}\n`;
}
