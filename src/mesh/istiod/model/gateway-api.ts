/** The parts of the Kubernetes Gateway API (gateway.networking.k8s.io/v1) that meshdojo honours. */

export interface K8sGatewaySpec {
  gatewayClassName?: string;
  listeners?: Array<{
    name: string;
    port: number;
    protocol: string;
    hostname?: string;
    tls?: GatewayTLSConfig;
    allowedRoutes?: { namespaces?: { from?: 'Same' | 'All' | 'Selector' } };
  }>;
}

/** A listener's TLS: Terminate with the key pair in `certificateRefs` (a Secret), or Passthrough. */
export interface GatewayTLSConfig {
  mode?: 'Terminate' | 'Passthrough';
  certificateRefs?: Array<{ group?: string; kind?: string; name: string; namespace?: string }>;
  /** Istio's `gateway.istio.io/tls-terminate-mode: MUTUAL` asks for client certificates. */
  options?: Record<string, string>;
}

export interface ParentReference {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  sectionName?: string;
  port?: number;
}

export interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
}

export interface HTTPHeaderMatch {
  type?: 'Exact' | 'RegularExpression';
  name: string;
  value: string;
}

export interface HTTPRouteMatch {
  path?: { type?: 'Exact' | 'PathPrefix' | 'RegularExpression'; value?: string };
  headers?: HTTPHeaderMatch[];
  queryParams?: HTTPHeaderMatch[];
  method?: string;
}

export interface HTTPHeaderFilter {
  set?: Array<{ name: string; value: string }>;
  add?: Array<{ name: string; value: string }>;
  remove?: string[];
}

export interface HTTPPathModifier {
  type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

export interface HTTPRouteFilter {
  type:
    'RequestHeaderModifier' | 'ResponseHeaderModifier' | 'RequestRedirect' | 'URLRewrite' | 'RequestMirror' | string;
  requestHeaderModifier?: HTTPHeaderFilter;
  responseHeaderModifier?: HTTPHeaderFilter;
  requestRedirect?: { scheme?: string; hostname?: string; path?: HTTPPathModifier; port?: number; statusCode?: number };
  urlRewrite?: { hostname?: string; path?: HTTPPathModifier };
  requestMirror?: { backendRef: BackendRef; percent?: number };
}

export interface HTTPRouteRule {
  name?: string;
  matches?: HTTPRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: Array<BackendRef & { filters?: HTTPRouteFilter[] }>;
  timeouts?: { request?: string; backendRequest?: string };
}

export interface HTTPRouteSpec {
  parentRefs?: ParentReference[];
  hostnames?: string[];
  rules?: HTTPRouteRule[];
}

/** A TCPRoute (gateway.networking.k8s.io/v1alpha2, experimental channel): connections forwarded to weighted backends. */
export interface TCPRouteSpec {
  parentRefs?: ParentReference[];
  rules?: Array<{ name?: string; backendRefs?: BackendRef[] }>;
}
