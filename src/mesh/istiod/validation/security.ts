/** ValidateAuthorizationPolicy, ValidatePeerAuthentication and ValidateRequestAuthentication. */
import { validateDuration, validateOneOfSelectorType, validateWorkloadSelector } from './checks';
import { arr, obj, present, str, strings, type Json } from './json';
import { Validation } from './validation';

const SOURCE_FIELDS = [
  'principals',
  'requestPrincipals',
  'namespaces',
  'ipBlocks',
  'remoteIpBlocks',
  'notPrincipals',
  'notRequestPrincipals',
  'notNamespaces',
  'notIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
];
const OPERATION_FIELDS = ['ports', 'methods', 'paths', 'hosts', 'notPorts', 'notMethods', 'notPaths', 'notHosts'];
/** Source fields only a TCP connection's peer can answer: a DENY rule naming one also applies to TCP ports. */
const TCP_SOURCE_FIELDS = [
  'principals',
  'notPrincipals',
  'ipBlocks',
  'notIpBlocks',
  'namespaces',
  'notNamespaces',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
];
const KEYED_ATTRIBUTES = ['request.headers', 'request.auth.claims', 'experimental.envoy.filters.'];
const PLAIN_ATTRIBUTES = [
  'source.ip',
  'remote.ip',
  'source.namespace',
  'source.serviceAccount',
  'source.principal',
  'source.trustDomain',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
  'destination.ip',
  'destination.port',
  'connection.sni',
];

export function validateAuthorizationPolicy(name: string, namespace: string, spec: Json): Validation {
  const v = new Validation();
  const errors: string[] = [];
  const selector = validateWorkloadSelector(spec.selector);
  errors.push(...optional(validateOneOfSelectorType(spec)), ...selector.errors);
  v.warnings.push(...selector.warnings);
  const action = str(spec.action) || 'ALLOW';
  const rules = spec.rules;
  const provider = obj(spec.provider);
  if (action === 'CUSTOM') {
    if (rules === undefined || rules === null)
      errors.push(
        'CUSTOM action without `rules` is meaningless as it will never be triggered, ' +
          'add an empty rule `{}` if you want it be triggered for every request',
      );
    else if (str(provider?.name) === '') errors.push('`provider.name` must not be empty');
  }
  if (provider !== undefined && action !== 'CUSTOM')
    errors.push(`\`provider\` must not be with non CUSTOM action, found ${action}`);
  if (action === 'DENY' && (rules === undefined || rules === null))
    errors.push(
      'DENY action without `rules` is meaningless as it will never be triggered, ' +
        'add an empty rule `{}` if you want it be triggered for every request',
    );
  arr(rules).forEach((item, i) => {
    const rule = obj(item);
    if (rule === undefined) {
      errors.push(`\`rule\` must not be nil, found at rule ${i}`);
      return;
    }
    errors.push(...ruleErrors(rule, i));
    if (action === 'DENY' && onlyHttpAttributes(rule))
      v.warn(
        'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only ' +
          'HTTP attributes in a DENY rule; it is recommended to explicitly specify the port',
      );
  });
  for (const e of errors) v.error(`invalid policy ${name}.${namespace}: ${e}`);
  return v;
}

function ruleErrors(rule: Json, i: number): string[] {
  const errors: string[] = [];
  if (Array.isArray(rule.from) && rule.from.length === 0) errors.push(`\`from\` must not be empty, found at rule ${i}`);
  for (const item of arr(rule.from)) {
    const from = obj(item);
    if (from === undefined) {
      errors.push(`\`from\` must not be nil, found at rule ${i}`);
      continue;
    }
    const source = obj(from.source);
    if (source === undefined) {
      errors.push(`\`from.source\` must not be nil, found at rule ${i}`);
      continue;
    }
    const count = (fields: string[]): number => fields.reduce((n, f) => n + arr(source[f]).length, 0);
    if (
      count(['principals', 'notPrincipals', 'namespaces', 'notNamespaces']) > 0 &&
      count(['serviceAccounts', 'notServiceAccounts']) > 0
    )
      errors.push(`cannot set serviceAccounts with namespaces or principals, found at rule ${i}`);
    if (count(SOURCE_FIELDS) === 0) errors.push(`\`from.source\` must not be empty, found at rule ${i}`);
    errors.push(...emptyValueErrors(source, SOURCE_FIELDS));
  }
  if (Array.isArray(rule.to) && rule.to.length === 0) errors.push(`\`to\` must not be empty, found at rule ${i}`);
  for (const item of arr(rule.to)) {
    const to = obj(item);
    if (to === undefined) {
      errors.push(`\`to\` must not be nil, found at rule ${i}`);
      continue;
    }
    const operation = obj(to.operation);
    if (operation === undefined) {
      errors.push(`\`to.operation\` must not be nil, found at rule ${i}`);
      continue;
    }
    if (OPERATION_FIELDS.every((f) => arr(operation[f]).length === 0))
      errors.push(`\`to.operation\` must not be empty, found at rule ${i}`);
    errors.push(...portErrors(strings(operation.ports)), ...portErrors(strings(operation.notPorts)));
    errors.push(...emptyValueErrors(operation, OPERATION_FIELDS));
  }
  for (const item of arr(rule.when)) {
    const condition = obj(item) ?? {};
    const key = str(condition.key);
    if (key === '') {
      errors.push('`key` must not be empty');
      continue;
    }
    const values = strings(condition.values);
    const notValues = strings(condition.notValues);
    if (values.length === 0 && notValues.length === 0) {
      errors.push(`at least one of \`values\` or \`notValues\` must be set for key ${key}`);
      continue;
    }
    const bad = attributeError(key, values);
    if (bad !== undefined) errors.push(`invalid \`value\` for \`key\` ${key}: ${bad}`);
    const badNot = attributeError(key, notValues);
    if (badNot !== undefined) errors.push(`invalid \`notValue\` for \`key\` ${key}: ${badNot}`);
  }
  return errors;
}

function onlyHttpAttributes(rule: Json): boolean {
  const sources = arr(rule.from)
    .map((f) => obj(obj(f)?.source))
    .filter((s): s is Json => s !== undefined);
  const operations = arr(rule.to)
    .map((t) => obj(obj(t)?.operation))
    .filter((o): o is Json => o !== undefined);
  const tcpInFrom = sources.some((s) => TCP_SOURCE_FIELDS.some((f) => present(s[f])));
  const tcpInTo = operations.some((o) => present(o.ports) || present(o.notPorts));
  const fromExists = sources.length > 0;
  const toExists = operations.length > 0;
  return (fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo);
}

/** security.CheckEmptyValues for each field, named as Istio names them (`Principals`, `NotPaths`). */
function emptyValueErrors(message: Json, fields: string[]): string[] {
  return fields
    .filter((f) => strings(message[f]).includes(''))
    .map((f) => `empty value not allowed, found in ${f[0]!.toUpperCase()}${f.slice(1)}`);
}

function portErrors(ports: string[]): string[] {
  return ports
    .filter((p) => !/^\d+$/.test(p) || Number(p) > 65535)
    .map((p) =>
      /^\d+$/.test(p)
        ? `bad port (${p}): <nil>`
        : `bad port (${p}): strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`,
    );
}

/** security.ValidateAttribute, for the keys a `when` condition may name. */
function attributeError(key: string, values: string[]): string | undefined {
  if (values.includes('')) return `empty value not allowed, found in ${key}`;
  if (KEYED_ATTRIBUTES.some((prefix) => key.startsWith(prefix))) {
    const open = key.indexOf('[');
    return key.endsWith(']') && open > 0 && open < key.length - 2
      ? undefined
      : `bad key (${key}): should have format a[b]`;
  }
  if (key === 'destination.port') return portErrors(values)[0];
  if (PLAIN_ATTRIBUTES.includes(key)) return undefined;
  if (key === 'destination.namespace') return `attribute ${key} is replaced by the metadata.namespace`;
  if (key.startsWith('destination.labels')) return `attribute ${key} is replaced by the workload selector`;
  if (key === 'destination.name' || key === 'destination.user')
    return `deprecated attribute ${key}: only supported in v1alpha1`;
  return `unknown attribute: ${key}`;
}

export function validatePeerAuthentication(spec: Json): Validation {
  const v = new Validation();
  const selector = obj(spec.selector);
  const emptySelector = selector === undefined || Object.keys(obj(selector.matchLabels) ?? {}).length === 0;
  const portLevel = obj(spec.portLevelMtls);
  if (emptySelector && portLevel !== undefined && Object.keys(portLevel).length > 0)
    v.error('mesh/namespace peer authentication cannot have port level mTLS');
  if (portLevel !== undefined && Object.keys(portLevel).length === 0)
    v.error('port level mTLS, if defined, must have at least one element');
  for (const port of Object.keys(portLevel ?? {}))
    if (!(Number(port) > 0 && Number(port) <= 65535)) v.error('port must be in range 1..65535');
  return v.add(validateWorkloadSelector(spec.selector));
}

export function validateRequestAuthentication(spec: Json): Validation {
  const v = new Validation();
  v.error(validateOneOfSelectorType(spec));
  v.add(validateWorkloadSelector(spec.selector));
  for (const item of arr(spec.jwtRules)) {
    const rule = obj(item);
    if (rule === undefined) continue;
    if (strings(rule.audiences).includes('')) v.error('audience must be non-empty string');
    const issuer = str(rule.issuer);
    const jwksUri = str(rule.jwksUri);
    if (issuer === '' && jwksUri === '') v.error('issuer or jwksUri must be non-empty string');
    if (jwksUri !== '') {
      const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(jwksUri)?.[1]?.toLowerCase() ?? '';
      if (scheme !== 'http' && scheme !== 'https') v.error(`URI scheme ${JSON.stringify(scheme)} is not supported`);
    }
    for (const header of arr(rule.fromHeaders))
      if (str(obj(header)?.name) === '') v.error('location header name must be non-empty string');
    if (strings(rule.fromParams).includes('')) v.error('location query must be non-empty string');
    if (strings(rule.fromCookies).includes('')) v.error('cookie name must be non-empty string');
    for (const output of arr(rule.outputClaimToHeaders)) {
      const o = obj(output);
      if (str(o?.claim) === '' || str(o?.header) === '')
        v.error('outputClaimToHeaders header and claim value must be non-empty string');
    }
    if (present(rule.timeout)) v.error(validateDuration(rule.timeout));
  }
  return v;
}

function optional(error: string | undefined): string[] {
  return error === undefined ? [] : [error];
}
