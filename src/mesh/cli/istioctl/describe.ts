import type { KubeObject, Pod, Service, SimCluster } from '../../index';
import type { CommandIo } from '../io';

type Labels = Readonly<Record<string, string>>;
interface Destination {
  host: string;
  subset?: string;
}
interface HttpRoute {
  match?: { uri?: StringMatch; headers?: Record<string, StringMatch> }[];
  route?: { destination: Destination; weight?: number }[];
}
type StringMatch = { exact?: string; prefix?: string; regex?: string };
type DestinationRule = KubeObject<{
  host?: string;
  subsets?: { name: string; labels?: Labels }[];
  trafficPolicy?: Record<string, unknown>;
}>;
type VirtualService = KubeObject<{ hosts?: string[]; gateways?: string[]; http?: HttpRoute[] }>;

/** Istio's port-name protocol rule (`http-foo` → HTTP); a port without a name is auto-detected. */
function protocolOf(port: { name?: string; appProtocol?: string }): string {
  const name = (port.appProtocol ?? port.name ?? '').toLowerCase();
  if (name === '') return 'auto-detect';
  const prefix = name.split('-')[0]!;
  const known: Record<string, string> = {
    http: 'HTTP',
    http2: 'HTTP2',
    https: 'HTTPS',
    grpc: 'GRPC',
    'grpc-web': 'GRPC-Web',
    tcp: 'TCP',
    tls: 'TLS',
    mongo: 'Mongo',
    mysql: 'MySQL',
    redis: 'Redis',
  };
  return known[prefix] ?? 'UnsupportedProtocol';
}

const fqdn = (host: string, namespace: string): string =>
  host.includes('.')
    ? host.replace(/\.svc\.cluster\.local$/, '') + '.svc.cluster.local'
    : `${host}.${namespace}.svc.cluster.local`;

const labelsMatch = (want: Labels | undefined, have: Labels): boolean =>
  Object.entries(want ?? {}).every(([k, v]) => have[k] === v);

function renderStringMatch(m: StringMatch): string {
  return m.exact ?? (m.prefix !== undefined ? `${m.prefix}*` : JSON.stringify(m));
}

/** istioctl's renderMatch: `Match: /login` or `Match:  when headers are end-user=jason`, trimmed. */
function renderMatch(m: NonNullable<HttpRoute['match']>[number]): string {
  let text = 'Match: ';
  if (m.uri !== undefined) text += renderStringMatch(m.uri);
  const headers = Object.entries(m.headers ?? {});
  if (headers.length > 0)
    text += ` when headers are ${headers.map(([k, v]) => `${k}=${renderStringMatch(v)}`).join('; ')}`;
  return text.trim();
}

function describeDestinationRule(dr: DestinationRule, labels: Labels, kname: (o: KubeObject) => string): string[] {
  const subsets = dr.spec?.subsets ?? [];
  const matching = subsets.filter((s) => labelsMatch(s.labels, labels)).map((s) => s.name);
  const other = subsets.filter((s) => !labelsMatch(s.labels, labels)).map((s) => s.name);
  const lines = [`DestinationRule: ${kname(dr)} for "${dr.spec?.host ?? ''}"`];
  if (subsets.length > 0) {
    lines.push(`   Matching subsets: ${matching.join(',')}`);
    if (other.length > 0) lines.push(`      (Non-matching subsets ${other.join(',')})`);
  }
  const policy = dr.spec?.trafficPolicy as { tls?: { mode?: string } } | undefined;
  if (policy === undefined) lines.push('   No Traffic Policy');
  else if (policy.tls !== undefined) lines.push(`   Traffic Policy TLS Mode: ${policy.tls.mode ?? 'DISABLE'}`);
  return lines;
}

/** istioctl's printVirtualService: facts of the routes that reach this pod, or why none does. */
function describeVirtualService(
  vs: VirtualService,
  service: string,
  dr: DestinationRule | undefined,
  labels: Labels,
  kname: (o: KubeObject) => string,
): string[] {
  const namespace = vs.metadata.namespace ?? 'default';
  const subsets = dr?.spec?.subsets ?? [];
  const matchingSubsets = subsets.filter((s) => labelsMatch(s.labels, labels)).map((s) => s.name);
  const routes = vs.spec?.http ?? [];
  const lines = [`VirtualService: ${kname(vs)}`];
  let matches = 0;
  let facts = 0;
  const mismatches: string[] = [];
  for (const route of routes) {
    let match = false;
    const routeFacts: string[] = [];
    const notes: string[] = [];
    for (const { destination, weight } of route.route ?? []) {
      if (fqdn(destination.host, namespace) !== service) {
        routeFacts.push(`Route to host "${destination.host}" with weight ${weight ?? 0}%`);
        continue;
      }
      const subset = destination.subset ?? '';
      if (subset !== '' && !matchingSubsets.includes(subset)) {
        const known = subsets.some((s) => s.name === subset);
        const when =
          route.match === undefined || route.match.length === 0
            ? 'everything'
            : route.match.map(renderMatch).join(', ');
        notes.push(
          known
            ? `Route to non-matching subset ${subset} for (${when})`
            : dr === undefined
              ? `Warning: Route to subset ${subset} but NO DESTINATION RULE defining subsets!`
              : `Warning: Route to UNKNOWN subset ${subset}; check DestinationRule ${kname(dr)}`,
        );
        continue;
      }
      match = true;
      if ((weight ?? 0) > 0) {
        routeFacts.push(
          `Route to host "${destination.host}"${subset === '' ? '' : ` subset "${subset}"`} with weight ${weight}%`,
        );
      }
    }
    if (match) {
      matches++;
      const conditions = (route.match ?? []).map(renderMatch);
      if (conditions.length > 0) routeFacts.push(conditions.join(', '));
      for (const fact of routeFacts) lines.push(`   ${fact}`);
      facts += routeFacts.length;
    } else mismatches.push(...notes);
  }
  if (matches === 0) {
    if (routes.length > 0)
      lines.push(`   WARNING: No destinations match pod subsets (checked ${routes.length} HTTP routes)`);
    lines.push(...mismatches.map((m) => `      ${m}`));
  } else if (matches < routes.length) {
    lines.push(`   ${routes.length - matches} additional destination(s) that will not reach this pod`);
    if (facts === 0) lines.push(...mismatches.map((m) => `      ${m}`));
  } else if (facts === 0) lines.push(`   ${routes.length} HTTP route(s)`);
  return lines;
}

/**
 * `istioctl x describe pod POD[.NS]`: the pod, the Services that select it, and per Service the
 * DestinationRule and mesh VirtualService that apply to its host — the summary istio.io's "Understand your
 * Mesh with istioctl describe" shows (ingress exposure and mTLS verdicts are not modelled).
 */
export function describePod(io: CommandIo, cluster: SimCluster, target: string | undefined, namespace: string): number {
  if (target === undefined) {
    io.stderr.write('Error: expecting pod name\n');
    return 1;
  }
  const [name, ns] = target.includes('.') ? (target.split('.', 2) as [string, string]) : [target, namespace];
  const pod = cluster.kube.get<Pod>('pods', ns, name);
  if (pod === undefined) {
    io.stderr.write(`Error: pods "${name}" not found\n`);
    return 1;
  }
  const kname = (o: KubeObject): string =>
    o.metadata.namespace === undefined || o.metadata.namespace === namespace
      ? o.metadata.name
      : `${o.metadata.name}.${o.metadata.namespace}`;
  const labels = pod.metadata.labels ?? {};
  const containers = pod.spec?.containers ?? [];
  const ports = containers.flatMap((c) =>
    (c.ports ?? []).map(
      (p) => `${p.containerPort}${(p.protocol ?? 'TCP') === 'TCP' ? '' : `/${p.protocol}`} (${c.name})`,
    ),
  );
  const out = [`Pod: ${kname(pod)}`, `   Pod Revision: ${pod.metadata.annotations?.['istio.io/rev'] ?? 'default'}`];
  out.push(ports.length > 0 ? `   Pod Ports: ${ports.join(', ')}` : '   Pod does not expose ports');
  if (!containers.some((c) => c.name === 'istio-proxy')) {
    out.push(`WARNING: ${kname(pod)} is not part of mesh; no Istio sidecar`);
    io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  }
  out.push('--------------------');
  const services = cluster.kube
    .list<Service>('services', ns)
    .filter((s) => s.spec?.selector !== undefined && labelsMatch(s.spec.selector, labels));
  const rules = cluster.kube.list<DestinationRule>('destinationrules');
  const virtualServices = cluster.kube.list<VirtualService>('virtualservices');
  services.forEach((svc, row) => {
    if (row > 0) out.push('--------------------');
    const host = `${svc.metadata.name}.${ns}.svc.cluster.local`;
    out.push(`Service: ${kname(svc)}`);
    for (const port of svc.spec?.ports ?? []) {
      if ((port.protocol ?? 'TCP') !== 'TCP') continue;
      const target = port.targetPort ?? port.port;
      const podPort =
        typeof target === 'number'
          ? target
          : containers.flatMap((c) => c.ports ?? []).find((p) => p.name === target)?.containerPort;
      out.push(`   Port: ${port.name ?? ''} ${port.port}/${protocolOf(port)} targets pod port ${podPort ?? target}`);
    }
    const dr = rules.find((r) => fqdn(r.spec?.host ?? '', r.metadata.namespace ?? 'default') === host);
    if (dr !== undefined) out.push(...describeDestinationRule(dr, labels, kname));
    const vs = virtualServices.find(
      (v) =>
        (v.spec?.gateways === undefined || v.spec.gateways.includes('mesh')) &&
        (v.spec?.hosts ?? []).some((h) => fqdn(h, v.metadata.namespace ?? 'default') === host),
    );
    if (vs !== undefined) out.push(...describeVirtualService(vs, host, dr, labels, kname));
  });
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** `istioctl x precheck`: the simulated cluster always meets Istio's requirements. */
export function precheck(io: CommandIo): number {
  io.stderr.write(
    '\u2714 No issues found when checking the cluster. Istio is safe to install or upgrade!\n' +
      '  To get started, check out https://istio.io/latest/docs/setup/getting-started/\n',
  );
  return 0;
}
