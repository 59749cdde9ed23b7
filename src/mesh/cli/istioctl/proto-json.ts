/**
 * istioctl prints Envoy's config as protobuf JSON (protojson), whose field names are lowerCamelCase
 * (`dynamicActiveSecrets`, `tlsCertificate`, `connectTimeout`), while Envoy's own admin endpoint keeps the proto
 * names (`dynamic_active_secrets`). Learners pipe istioctl's JSON into jq with the camelCase names
 * (`.dynamicActiveSecrets[0].secret.tlsCertificate.certificateChain.inlineBytes`), so the spelling is part of the
 * output. Protojson leaves alone what is not a field name: the keys of a map field and everything inside a
 * google.protobuf.Struct.
 */

/** Map fields (`map<string, …>`): their keys are data; their values are still messages. */
const MAP_FIELDS: ReadonlySet<string> = new Set([
  'typed_per_filter_config',
  'typed_filter_metadata',
  'typed_extension_protocol_options',
  'policies',
  'providers',
  'requirement_map',
]);

/** Struct fields (google.protobuf.Struct, or a map of them): printed as they are. */
const STRUCT_FIELDS: ReadonlySet<string> = new Set(['filter_metadata', 'json_format']);

/** Envoy's Metadata message has only these fields; any other `metadata` (a node's) is a Struct. */
const METADATA_FIELDS: ReadonlySet<string> = new Set(['filter_metadata', 'typed_filter_metadata']);
const isStruct = (key: string, field: unknown) =>
  STRUCT_FIELDS.has(key) ||
  (key === 'metadata' &&
    typeof field === 'object' &&
    field !== null &&
    Object.keys(field).some((k) => !METADATA_FIELDS.has(k)));

const TYPED_STRUCT = /\/(?:udpa\.type\.v1|xds\.type\.v3)\.TypedStruct$/;

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `value` (Envoy config with proto field names, bytes already base64) as protojson prints it. */
export function protoJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(protoJson);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const typedStruct = typeof object['@type'] === 'string' && TYPED_STRUCT.test(object['@type']);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) {
    if (key === '@type') out[key] = field;
    else if (isStruct(key, field) || (typedStruct && key === 'value')) out[camel(key)] = field;
    else if (MAP_FIELDS.has(key) && typeof field === 'object' && field !== null)
      out[camel(key)] = Object.fromEntries(Object.entries(field).map(([k, v]) => [k, protoJson(v)]));
    else out[camel(key)] = protoJson(field);
  }
  return out;
}

/** istioctl's `-o json`: protojson, indented by four spaces as its writers do. */
export function istioctlJson(value: unknown): string {
  return `${JSON.stringify(protoJson(value), null, 4)}\n`;
}
