/** ValidateGateway: its name, its servers (hosts, port, TLS settings) and unique port names. */
import { isDns1123Label, isHttpProtocol, isTlsProtocol, parseProtocol, validatePort } from './checks';
import { validateGatewayHost } from './hosts';
import { arr, num, obj, str, type Json } from './json';
import { Validation } from './validation';

export function validateGateway(name: string, spec: Json): Validation {
  const v = new Validation();
  if (!isDns1123Label(name)) v.error(`invalid gateway name: ${JSON.stringify(name)}`);
  const servers = arr(spec.servers);
  if (servers.length === 0) v.error('gateway must have at least one server');
  else for (const server of servers) v.add(validateServer(obj(server)));
  const portNames = new Set<string>();
  for (const item of servers) {
    const server = obj(item);
    if (server === undefined) {
      v.error('server may not be nil');
      continue;
    }
    const port = obj(server.port);
    if (port === undefined) continue;
    const portName = str(port.name);
    if (portNames.has(portName)) v.error(`port names in servers must be unique: duplicate name ${portName}`);
    portNames.add(portName);
    if (!isHttpProtocol(parseProtocol(str(port.protocol))) && obj(server.tls)?.httpsRedirect === true)
      v.warn('tls.httpsRedirect should only be used with http servers');
  }
  return v;
}

function validateServer(server: Json | undefined): Validation {
  const v = new Validation();
  if (server === undefined) return v.error('cannot have nil server');
  const hosts = arr(server.hosts).map(str);
  if (hosts.length === 0) v.error('server config must contain at least one host');
  else for (const host of hosts) for (const e of validateGatewayHost(host)) v.error(e);
  const port = obj(server.port);
  const portErrors = serverPortErrors(port);
  for (const e of portErrors) v.error(e);
  const tls = obj(server.tls);
  if (tls !== undefined) v.add(validateServerTls(tls));
  if (portErrors.length === 0 && port !== undefined) {
    const protocol = parseProtocol(str(port.protocol));
    if (isTlsProtocol(protocol) && tls === undefined) v.error('server must have TLS settings for HTTPS/TLS protocols');
    else if (!isTlsProtocol(protocol) && tls !== undefined) {
      if (!isHttpProtocol(protocol)) v.error('server cannot have TLS settings for non HTTPS/TLS ports');
      else if (!httpsRedirectOnly(tls)) v.error('server cannot have TLS settings for plain text HTTP ports');
    }
  }
  return v;
}

/** A plain HTTP server may carry `tls` only to redirect to HTTPS. */
function httpsRedirectOnly(tls: Json): boolean {
  const mode = str(tls.mode);
  const passThrough = mode === '' || mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';
  return (
    passThrough && str(tls.caCertificates) === '' && str(tls.privateKey) === '' && str(tls.serverCertificate) === ''
  );
}

function serverPortErrors(port: Json | undefined): string[] {
  if (port === undefined) return ['port is required'];
  const errors: string[] = [];
  const protocol = str(port.protocol);
  if (parseProtocol(protocol) === undefined)
    errors.push(
      `invalid protocol ${JSON.stringify(protocol)}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`,
    );
  const portError = validatePort(num(port.number));
  if (portError !== undefined) errors.push(portError);
  if (num(port.targetPort) > 0) errors.push('targetPort has no impact on Gateways');
  if (str(port.name) === '') errors.push(`port name must be set: ${goPort(port)}`);
  return errors;
}

/** Go's `%v` of a Port message, as the "port name must be set" error prints it. */
function goPort(port: Json): string {
  const fields = [
    num(port.number) !== 0 ? `number:${num(port.number)}` : '',
    str(port.protocol) !== '' ? `protocol:${JSON.stringify(str(port.protocol))}` : '',
  ].filter((f) => f !== '');
  return fields.join(' ');
}

function validateServerTls(tls: Json): Validation {
  const v = new Validation();
  const mode = str(tls.mode) || 'PASSTHROUGH';
  const set = (field: string): boolean => str(tls[field]) !== '';
  const credentialNames = arr(tls.credentialNames).length > 0;
  const tlsCertificates = arr(tls.tlsCertificates).length > 0;
  if (mode === 'ISTIO_MUTUAL') {
    if (set('serverCertificate')) v.error('ISTIO_MUTUAL TLS cannot have associated server certificate');
    if (set('privateKey')) v.error('ISTIO_MUTUAL TLS cannot have associated private key');
    if (set('caCertificates')) v.error('ISTIO_MUTUAL TLS cannot have associated CA bundle');
    if (tlsCertificates) v.error('ISTIO_MUTUAL TLS cannot have associated tlsCertificates');
    if (set('credentialName')) v.error('ISTIO_MUTUAL TLS cannot have associated credentialName');
    if (credentialNames) v.error('ISTIO_MUTUAL TLS cannot have associated credentialNames');
    return v;
  }
  if (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') {
    const certificates =
      ['caCrl', 'serverCertificate', 'privateKey', 'caCertificates', 'credentialName'].some(set) ||
      tlsCertificates ||
      credentialNames;
    if (certificates) v.warn(`${mode} mode does not use certificates, they will be ignored`);
  }
  const sources = [
    set('serverCertificate') && set('privateKey'),
    set('credentialName'),
    credentialNames,
    tlsCertificates,
  ].filter(Boolean).length;
  if (sources > 1)
    v.error(
      'only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified',
    );
  const terminates = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminates && (set('credentialName') || credentialNames)) return v;
  if (terminates) {
    const prefix = mode === 'SIMPLE' ? 'SIMPLE TLS' : 'MUTUAL TLS';
    if (mode !== 'SIMPLE' && !set('caCertificates')) v.error(`${prefix} requires a client CA bundle`);
    const certificates = tlsCertificates ? arr(tls.tlsCertificates).map((c) => obj(c) ?? {}) : [tls];
    for (const certificate of certificates) {
      if (str(certificate.serverCertificate) === '') v.error(`${prefix} requires a server certificate`);
      if (str(certificate.privateKey) === '') v.error(`${prefix} requires a private key`);
    }
  }
  if (set('caCrl')) {
    if (set('credentialName'))
      v.error('CRL is not supported with credentialName. CRL has to be specified in the credential');
    if (mode === 'SIMPLE') v.error('CRL is not supported with SIMPLE TLS');
  }
  return v;
}
