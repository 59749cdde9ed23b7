/**
 * JSON schemas for the YAML the labs ask for: Istio's traffic kinds (the fields the course uses, from
 * Istio's networking API reference) and the Kubernetes envelope. Written here because no schema may be
 * fetched from another origin; monaco-yaml uses them for completion, hover and validation (lab-editor.ts).
 */
export type Schema = Record<string, unknown>;

const str = (description: string): Schema => ({ type: 'string', description });
const int = (description: string): Schema => ({ type: 'integer', description });
const obj = (properties: Record<string, Schema>, description: string, extra: Schema = {}): Schema => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
  ...extra,
});
const list = (items: Schema, description: string): Schema => ({ type: 'array', description, items });

const stringMatch = obj(
  { exact: str('Exact match.'), prefix: str('Prefix match.'), regex: str('RE2 regular expression.') },
  'How to match a string.',
);
const destination = obj(
  {
    host: str('The service to send traffic to (short name or FQDN), as in the service registry.'),
    subset: str('A subset defined in the DestinationRule for the host, e.g. v1.'),
    port: obj({ number: int('Port on the host.') }, 'Port on the host.'),
  },
  'Where a request goes.',
  { required: ['host'] },
);
const duration = {
  type: 'string',
  pattern: '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$',
  description: 'A duration such as 0.5s or 10s.',
};
const httpRoute = obj(
  {
    name: str('Name of the route, for logs and debugging.'),
    match: list(
      obj(
        {
          name: str('Name of the match.'),
          uri: stringMatch,
          method: stringMatch,
          authority: stringMatch,
          headers: { type: 'object', description: 'Header name → match.', additionalProperties: stringMatch },
          queryParams: { type: 'object', additionalProperties: stringMatch, description: 'Query parameter → match.' },
          sourceLabels: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description: 'Labels of the calling workload.',
          },
          port: int('Port the request came in on.'),
        },
        'Conditions that must all hold (the list is OR-ed).',
      ),
      'Match conditions; the first route whose match holds wins.',
    ),
    route: list(
      obj(
        { destination, weight: int('Share of traffic (weights add up to 100).'), headers: { type: 'object' } },
        'A weighted destination.',
        { required: ['destination'] },
      ),
      'Destinations, with weights.',
    ),
    redirect: { type: 'object', description: 'Send a redirect instead.' },
    rewrite: obj({ uri: str('New path prefix.'), authority: str('New Host header.') }, 'Rewrite before forwarding.'),
    timeout: duration,
    retries: obj(
      {
        attempts: int('Retry attempts.'),
        perTryTimeout: duration,
        retryOn: str('Conditions, e.g. 5xx,connect-failure.'),
      },
      'Retry policy.',
    ),
    fault: obj(
      {
        delay: obj(
          { fixedDelay: duration, percentage: obj({ value: { type: 'number' } }, 'Share of requests.') },
          'Delay injection.',
        ),
        abort: obj(
          {
            httpStatus: int('Status to return.'),
            percentage: obj({ value: { type: 'number' } }, 'Share of requests.'),
          },
          'Abort injection.',
        ),
      },
      'Fault injection.',
    ),
    mirror: destination,
    headers: { type: 'object', description: 'Header manipulation.' },
  },
  'An HTTP route.',
);
const trafficPolicy = obj(
  {
    loadBalancer: obj(
      {
        simple: { enum: ['UNSPECIFIED', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST'] },
        consistentHash: { type: 'object' },
      },
      'Load balancing.',
    ),
    connectionPool: obj(
      {
        tcp: obj({ maxConnections: int('Maximum connections to a host.'), connectTimeout: duration }, 'TCP pool.'),
        http: obj(
          {
            http1MaxPendingRequests: int('Maximum requests waiting for a connection.'),
            http2MaxRequests: int('Maximum active requests.'),
            maxRequestsPerConnection: int('Requests per connection before it is closed.'),
            maxRetries: int('Maximum concurrent retries.'),
          },
          'HTTP pool (circuit breaker thresholds).',
        ),
      },
      'Connection pool limits (circuit breaking).',
    ),
    outlierDetection: obj(
      {
        consecutive5xxErrors: int('5xx errors before a host is ejected.'),
        consecutiveGatewayErrors: int('502/503/504 errors before a host is ejected.'),
        interval: duration,
        baseEjectionTime: duration,
        maxEjectionPercent: int('Largest share of hosts that may be ejected.'),
      },
      'Ejects hosts that keep failing.',
    ),
    tls: obj({ mode: { enum: ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] } }, 'TLS to the upstream.'),
  },
  'Policies for traffic to the host.',
);
const metadata = obj(
  {
    name: str('Object name.'),
    namespace: str('Namespace.'),
    labels: { type: 'object' },
    annotations: { type: 'object' },
  },
  'Standard object metadata.',
  { required: ['name'] },
);
const kind = (name: string, spec: Schema): Schema => ({
  if: { properties: { kind: { const: name } }, required: ['kind'] },
  then: { properties: { spec } },
});

const virtualService = obj(
  {
    hosts: list({ type: 'string' }, 'Hosts this applies to.'),
    gateways: list({ type: 'string' }, 'Gateways (and `mesh`) this applies to.'),
    http: list(httpRoute, 'HTTP routes, in order.'),
    tcp: list({ type: 'object' }, 'TCP routes.'),
    tls: list({ type: 'object' }, 'TLS routes.'),
    exportTo: list({ type: 'string' }, 'Namespaces that see it.'),
  },
  'VirtualService spec.',
  { required: ['hosts'] },
);
const destinationRule = obj(
  {
    host: str('The service the rule applies to.'),
    trafficPolicy,
    subsets: list(
      obj(
        {
          name: str('Subset name, e.g. v1.'),
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          trafficPolicy,
        },
        'A subset of endpoints by labels.',
        { required: ['name'] },
      ),
      'Named subsets.',
    ),
    exportTo: list({ type: 'string' }, 'Namespaces that see it.'),
  },
  'DestinationRule spec.',
  { required: ['host'] },
);
const gateway = obj(
  {
    selector: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Gateway pods this configures.',
    },
    servers: list(
      obj(
        {
          port: obj(
            {
              number: int('Port.'),
              name: str('Port name.'),
              protocol: { enum: ['HTTP', 'HTTPS', 'GRPC', 'HTTP2', 'MONGO', 'TCP', 'TLS'] },
            },
            'Port.',
          ),
          hosts: list({ type: 'string' }, 'Hosts.'),
          tls: { type: 'object' },
        },
        'A server.',
      ),
      'Servers.',
    ),
  },
  'Gateway spec.',
);

const resource: Schema = {
  type: 'object',
  properties: {
    apiVersion: {
      type: 'string',
      description: 'API group/version, e.g. networking.istio.io/v1.',
      examples: ['networking.istio.io/v1', 'security.istio.io/v1', 'v1', 'apps/v1'],
    },
    kind: {
      type: 'string',
      description: 'Object kind.',
      examples: ['VirtualService', 'DestinationRule', 'Gateway', 'PeerAuthentication', 'AuthorizationPolicy'],
    },
    metadata,
    spec: { type: 'object' },
  },
  required: ['apiVersion', 'kind', 'metadata'],
  allOf: [kind('VirtualService', virtualService), kind('DestinationRule', destinationRule), kind('Gateway', gateway)],
};

export const RESOURCE_SCHEMA: Schema = resource;
