/**
 * The parts of Istio's configuration API (istio/api, networking and security, v1) that meshdojo
 * honours, spelled as they appear in YAML. Written out here instead of using the generated
 * @kubernetes-models types because those are unions built for validation, awkward to read in a
 * translator; the field names are the same.
 */

export type Labels = Record<string, string>;

/** Exactly one of exact / prefix / regex (RE2, whole value); none set means "present". */
export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface Percent {
  value?: number;
}

export interface PortSelector {
  number?: number;
}

export interface Destination {
  host: string;
  subset?: string;
  port?: PortSelector;
}

export interface HeaderOperations {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface Headers {
  request?: HeaderOperations;
  response?: HeaderOperations;
}

export interface HTTPMatchRequest {
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  port?: number;
  sourceLabels?: Labels;
  gateways?: string[];
  queryParams?: Record<string, StringMatch>;
  ignoreUriCase?: boolean;
  sourceNamespace?: string;
}

export interface HTTPRouteDestination {
  destination: Destination;
  weight?: number;
  headers?: Headers;
}

export interface HTTPRedirect {
  uri?: string;
  authority?: string;
  port?: number;
  derivePort?: 'FROM_PROTOCOL_DEFAULT' | 'FROM_REQUEST_PORT';
  scheme?: string;
  redirectCode?: number;
}

export interface HTTPRewrite {
  uri?: string;
  authority?: string;
  uriRegexRewrite?: { match?: string; rewrite?: string };
}

export interface HTTPRetry {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
  retryRemoteLocalities?: boolean;
  retryIgnorePreviousHosts?: boolean;
  backoff?: string;
}

export interface HTTPFaultInjection {
  delay?: { fixedDelay?: string; exponentialDelay?: string; percentage?: Percent; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; http2Error?: string; percentage?: Percent };
}

export interface HTTPDirectResponse {
  status: number;
  body?: { string?: string; bytes?: string };
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: HTTPRouteDestination[];
  redirect?: HTTPRedirect;
  directResponse?: HTTPDirectResponse;
  rewrite?: HTTPRewrite;
  timeout?: string;
  retries?: HTTPRetry;
  fault?: HTTPFaultInjection;
  mirror?: Destination;
  mirrorPercentage?: Percent;
  mirrorPercent?: number;
  mirrors?: Array<{ destination: Destination; percentage?: Percent }>;
  headers?: Headers;
}

/** L4 match attributes of a TCP route; every field set must match. */
export interface L4MatchAttributes {
  destinationSubnets?: string[];
  port?: number;
  sourceLabels?: Labels;
  gateways?: string[];
  sourceNamespace?: string;
}

/** A TLS route matches on SNI (and port) without terminating: the connection passes through whole. */
export interface TLSMatchAttributes extends L4MatchAttributes {
  sniHosts: string[];
}

export interface RouteDestination {
  destination: Destination;
  weight?: number;
}

/** A TCP route: the first whose match fits a connection sends it to its destinations (by weight). */
export interface TCPRoute {
  match?: L4MatchAttributes[];
  route?: RouteDestination[];
}

export interface TLSRoute {
  match: TLSMatchAttributes[];
  route?: RouteDestination[];
}

export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HTTPRoute[];
  tls?: TLSRoute[];
  tcp?: TCPRoute[];
  exportTo?: string[];
}

export type SimpleLB = 'UNSPECIFIED' | 'RANDOM' | 'PASSTHROUGH' | 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'LEAST_CONN';

export interface LoadBalancerSettings {
  simple?: SimpleLB;
  consistentHash?: {
    httpHeaderName?: string;
    httpCookie?: { name: string; path?: string; ttl?: string };
    useSourceIp?: boolean;
    httpQueryParameterName?: string;
    ringHash?: { minimumRingSize?: number };
    maglev?: { tableSize?: number };
    minimumRingSize?: number;
  };
}

export interface ConnectionPoolSettings {
  tcp?: { maxConnections?: number; connectTimeout?: string; maxConnectionDuration?: string; idleTimeout?: string };
  http?: {
    http1MaxPendingRequests?: number;
    http2MaxRequests?: number;
    maxRequestsPerConnection?: number;
    maxRetries?: number;
    idleTimeout?: string;
    h2UpgradePolicy?: string;
    useClientProtocol?: boolean;
    maxConcurrentStreams?: number;
  };
}

export interface OutlierDetection {
  /** Deprecated; Istio ignores it (only a warning). */
  consecutiveErrors?: number;
  consecutive5xxErrors?: number;
  consecutiveGatewayErrors?: number;
  interval?: string;
  baseEjectionTime?: string;
  maxEjectionPercent?: number;
  minHealthPercent?: number;
  splitExternalLocalOriginErrors?: boolean;
  consecutiveLocalOriginFailures?: number;
}

export type ClientTLSMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

export interface ClientTLSSettings {
  mode?: ClientTLSMode;
  sni?: string;
  subjectAltNames?: string[];
  credentialName?: string;
  caCertificates?: string;
  insecureSkipVerify?: boolean;
}

/** The blocks a subset or a port may override, one by one. */
export interface TrafficPolicyBlocks {
  loadBalancer?: LoadBalancerSettings;
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  tls?: ClientTLSSettings;
}

export interface PortTrafficPolicy extends TrafficPolicyBlocks {
  port?: PortSelector;
}

export interface TrafficPolicy extends TrafficPolicyBlocks {
  portLevelSettings?: PortTrafficPolicy[];
}

export interface Subset {
  name: string;
  labels?: Labels;
  trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleSpec {
  host: string;
  trafficPolicy?: TrafficPolicy;
  subsets?: Subset[];
  exportTo?: string[];
  workloadSelector?: { matchLabels?: Labels };
}

export interface ServerPort {
  number: number;
  name?: string;
  protocol?: string;
  targetPort?: number;
}

export interface Server {
  port: ServerPort;
  hosts?: string[];
  name?: string;
  tls?: ServerTLSSettings;
}

/** How a gateway server takes TLS: terminate it (SIMPLE, MUTUAL, ISTIO_MUTUAL) or pass it through by SNI. */
export type ServerTLSMode =
  'PASSTHROUGH' | 'SIMPLE' | 'MUTUAL' | 'AUTO_PASSTHROUGH' | 'ISTIO_MUTUAL' | 'OPTIONAL_MUTUAL';

export interface ServerTLSSettings {
  mode?: ServerTLSMode;
  /** A Secret in the gateway's namespace: `tls.crt`/`tls.key` (or `cert`/`key`), `ca.crt` for MUTUAL. */
  credentialName?: string;
  httpsRedirect?: boolean;
  subjectAltNames?: string[];
}

export interface GatewaySpec {
  selector?: Labels;
  servers?: Server[];
}

export interface ServiceEntrySpec {
  hosts?: string[];
  addresses?: string[];
  ports?: Array<{ number: number; name?: string; protocol?: string; targetPort?: number }>;
  location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
  endpoints?: Array<{ address?: string; ports?: Record<string, number>; labels?: Labels; serviceAccount?: string }>;
  workloadSelector?: { labels?: Labels };
  /** The names the servers' certificates carry; checked when a sidecar originates TLS to them. */
  subjectAltNames?: string[];
}

export type MutualTLSMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

export interface PeerAuthenticationSpec {
  selector?: { matchLabels?: Labels };
  mtls?: { mode?: MutualTLSMode };
  /** Keyed by the workload's (container) port. */
  portLevelMtls?: Record<string, { mode?: MutualTLSMode }>;
}

export interface AuthzSource {
  principals?: string[];
  notPrincipals?: string[];
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
  remoteIpBlocks?: string[];
  notRemoteIpBlocks?: string[];
}

export interface AuthzOperation {
  hosts?: string[];
  notHosts?: string[];
  ports?: string[];
  notPorts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
}

export interface AuthzCondition {
  key: string;
  values?: string[];
  notValues?: string[];
}

export interface AuthzRule {
  from?: Array<{ source?: AuthzSource }>;
  to?: Array<{ operation?: AuthzOperation }>;
  when?: AuthzCondition[];
}

export type AuthorizationAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

/** A policy bound to a Gateway API Gateway (or another kind) instead of by labels. */
export interface PolicyTargetReference {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** security.istio.io RequestAuthentication: which JWTs a workload accepts. */
export interface RequestAuthenticationSpec {
  selector?: { matchLabels?: Labels };
  targetRef?: PolicyTargetReference;
  targetRefs?: PolicyTargetReference[];
  jwtRules?: JwtRule[];
}

export interface JwtRule {
  issuer?: string;
  audiences?: string[];
  jwksUri?: string;
  /** The JWKS itself, inline; wins over jwksUri. */
  jwks?: string;
  fromHeaders?: Array<{ name: string; prefix?: string }>;
  fromParams?: string[];
  fromCookies?: string[];
  outputPayloadToHeader?: string;
  forwardOriginalToken?: boolean;
  outputClaimToHeaders?: Array<{ header: string; claim: string }>;
  spaceDelimitedClaims?: string[];
  timeout?: string;
}

export interface AuthorizationPolicySpec {
  selector?: { matchLabels?: Labels };
  targetRef?: PolicyTargetReference;
  targetRefs?: PolicyTargetReference[];
  action?: AuthorizationAction;
  rules?: AuthzRule[];
  provider?: { name?: string };
}

export type PatchContext = 'ANY' | 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND' | 'GATEWAY';

export interface EnvoyConfigPatch {
  applyTo?: string;
  match?: {
    context?: PatchContext;
    proxy?: { proxyVersion?: string; metadata?: Record<string, string> };
    listener?: {
      portNumber?: number;
      name?: string;
      filterChain?: { name?: string; filter?: { name?: string; subFilter?: { name?: string } } };
    };
    routeConfiguration?: {
      portNumber?: number;
      portName?: string;
      gateway?: string;
      name?: string;
      vhost?: { name?: string; route?: { name?: string; action?: 'ANY' | 'ROUTE' | 'REDIRECT' | 'DIRECT_RESPONSE' } };
    };
  };
  patch?: { operation?: string; value?: unknown };
}

export interface EnvoyFilterSpec {
  workloadSelector?: { labels?: Labels };
  configPatches?: EnvoyConfigPatch[];
  priority?: number;
}

/** telemetry.istio.io Telemetry: the access-logging part (metrics and tracing are not simulated). */
export interface TelemetrySpec {
  selector?: { matchLabels?: Labels };
  targetRefs?: Array<{ group?: string; kind?: string; name?: string; namespace?: string }>;
  targetRef?: { group?: string; kind?: string; name?: string; namespace?: string };
  accessLogging?: AccessLoggingSpec[];
}

export interface AccessLoggingSpec {
  match?: { mode?: 'CLIENT_AND_SERVER' | 'CLIENT' | 'SERVER' };
  providers?: Array<{ name?: string }>;
  disabled?: boolean;
  filter?: { expression?: string };
}
