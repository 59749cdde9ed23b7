import type { AttemptEnd, BreakerResource, Decision, HopKind } from './request-record';

export type InspectLocale = 'ko' | 'en';

type Of<K extends Decision['kind']> = Extract<Decision, { kind: K }>;

/** The words one locale explains decisions with; the terms of Envoy and Istio stay as they are. */
export interface InspectWords {
  hop(kind: HopKind): string;
  listener(name: string, chain: string): string;
  mtlsFrom(peer: string | undefined): string;
  route(d: Of<'route'>): string;
  noRoute(d: Of<'no-route'>): string;
  directResponse(status: number): string;
  cluster(d: Of<'cluster'>): string;
  timeouts(d: Of<'timeouts'>): string;
  endpoint(d: Of<'endpoint'>): string;
  attempt(d: Of<'attempt'>): string;
  faultDelay(ms: number): string;
  faultAbort(status: number): string;
  rbac(d: Of<'rbac'>): string;
  jwt(d: Of<'jwt'>): string;
  rateLimit(d: Of<'local-rate-limit'>): string;
  breaker(d: Of<'breaker'>): string;
  routeTimeout(ms: number): string;
  downstreamGone(): string;
  answered(status: number, flags: string, ms: number): string;
  inProgress(): string;
  why(): string;
  fromApp(status: number): string;
  children(): string;
  noRequests(): string;
  listHeader(): readonly string[];
}

const BREAKER_EN: Record<BreakerResource, string> = {
  pending: 'pending requests (http1MaxPendingRequests)',
  requests: 'requests in flight (http2MaxRequests)',
  connections: 'connections (tcp.maxConnections)',
  retries: 'retries in flight (maxRetries)',
  'request-breaker': "the lab's request breaker",
};
const BREAKER_KO: Record<BreakerResource, string> = {
  pending: '대기 요청(http1MaxPendingRequests)',
  requests: '처리 중인 요청(http2MaxRequests)',
  connections: '커넥션(tcp.maxConnections)',
  retries: '진행 중인 재시도(maxRetries)',
  'request-breaker': '실습의 요청 브레이커',
};
const END_EN: Record<AttemptEnd, string> = {
  response: 'answered',
  overflow: 'refused by a breaker',
  'connect-failure': 'could not connect',
  reset: 'connection reset before a response',
  'per-try-timeout': 'per-try timeout',
  cancelled: 'cancelled',
};
const END_KO: Record<AttemptEnd, string> = {
  response: '응답 받음',
  overflow: '브레이커가 거절함',
  'connect-failure': '연결하지 못함',
  reset: '응답 전에 연결이 리셋됨',
  'per-try-timeout': '시도별 타임아웃',
  cancelled: '취소됨',
};

const ms = (raw: number): string => {
  const n = Math.round(raw);
  return n >= 1000 && n % 100 === 0 ? `${n / 1000}s` : `${n}ms`;
};
const vsName = (d: Of<'route'>): string =>
  d.virtualService === undefined ? '' : `${d.virtualService.namespace}/${d.virtualService.name}`;
const place = (d: Of<'route'>): string =>
  d.httpIndex === undefined
    ? ''
    : ` http[${d.httpIndex}]` + (d.matchIndex === undefined ? '' : `.match[${d.matchIndex}]`);
const split = (d: Of<'cluster'>): string =>
  d.weights === undefined
    ? ''
    : ` [${d.weights.map((w) => `${w.cluster.split('|')[2] || w.cluster} ${w.weight}`).join(', ')}]`;

const EN: InspectWords = {
  hop: (k) => ({ gateway: 'gateway', outbound: 'client sidecar', inbound: 'server sidecar' })[k],
  listener: (l, c) => `listener ${l}` + (c === '' ? '' : `, filter chain ${c}`),
  mtlsFrom: (p) => (p === undefined ? 'arrived in plaintext' : `arrived over mTLS from ${p}`),
  route: (d) =>
    d.httpRoute !== undefined
      ? `route from HTTPRoute ${d.httpRoute.namespace}/${d.httpRoute.name} (route config ${d.routeConfig})`
      : d.virtualService === undefined
        ? `route ${d.routeName || '(unnamed)'} of ${d.routeConfig} (no VirtualService: the service's default route)`
        : `route from VirtualService ${vsName(d)}${place(d)} (route config ${d.routeConfig})`,
  noRoute: (d) => `no route matched in ${d.routeConfig || 'the route table'}: 404 NR`,
  directResponse: (s) => `the route answers directly with ${s}`,
  cluster: (d) =>
    `cluster ${d.cluster}` +
    (d.subset === undefined ? '' : ` (subset ${d.subset})`) +
    (d.weights === undefined ? '' : `, drawn from the weighted split${split(d)}`) +
    (d.exists ? '' : ': no such cluster (503 NC)'),
  timeouts: (d) =>
    `route timeout ${d.routeMs > 0 ? ms(d.routeMs) : 'none'}, retries ${d.maxRetries}` +
    (d.perTryMs > 0 ? `, per-try timeout ${ms(d.perTryMs)}` : ''),
  endpoint: (d) =>
    (d.endpoint === undefined
      ? `no healthy endpoint: ${d.healthy} of ${d.total} healthy (503 UH)`
      : d.total === 0
        ? `sent to ${d.endpoint}, the original destination`
        : `load balancer picked ${d.endpoint} (${d.healthy} of ${d.total} healthy)`) +
    (d.ejected.length === 0 ? '' : `; ejected by outlier detection: ${d.ejected.join(', ')}`),
  attempt: (d) =>
    `try ${d.attempt} → ${d.endpoint}: ${d.end === 'response' ? String(d.status) : END_EN[d.end]}` +
    (d.end === 'response' || d.end === 'reset'
      ? d.peerIdentity === undefined
        ? ', plaintext'
        : `, mTLS with ${d.peerIdentity}`
      : '') +
    (d.retried ? `; retried${d.backOffMs > 0 ? ` after ${d.backOffMs}ms back-off` : ''}` : '') +
    (d.noRetry === 'limit' ? '; not retried: retries used up (URX)' : '') +
    (d.noRetry === 'overflow' ? '; not retried: retry breaker full' : '') +
    (d.noRetry === 'not-retriable' ? '; not retried: the retry policy does not cover it' : ''),
  faultDelay: (n) => `fault injection delayed the request by ${ms(n)} (DI)`,
  faultAbort: (s) => `fault injection aborted the request with ${s} (FI)`,
  rbac: (d) =>
    d.allowed
      ? `RBAC ${d.action}: allowed` + (d.policy === undefined ? '' : ` by ${d.policy}`)
      : `RBAC ${d.action}: denied` +
        (d.policy === undefined ? ' (no ALLOW policy matched)' : ` by ${d.policy}`) +
        ': 403 RBAC: access denied',
  jwt: (d) => (d.ok ? 'JWT verified' : `JWT refused: ${d.status}`),
  rateLimit: (d) =>
    d.allowed
      ? `local rate limit: allowed, ${d.tokensLeft ?? '?'} of ${d.maxTokens} tokens left (refill every ${ms(d.fillIntervalMs)})`
      : `local rate limit: no token left of ${d.maxTokens} (refill every ${ms(d.fillIntervalMs)}): 429 RL`,
  breaker: (d) =>
    d.resource === 'request-breaker'
      ? `the 503 came from the lab's request breaker (UO)`
      : `the 503 came from the connection-pool breaker: ${BREAKER_EN[d.resource]} ${d.count} of max ${d.max} (UO)`,
  routeTimeout: (n) => `the route timeout of ${ms(n)} ran out: 504 UT`,
  downstreamGone: () => 'the client gave up before the answer (DC): its own timeout, or it went away',
  answered: (s, f, n) => `→ ${s === 0 ? 'no response' : s}${f === '-' ? '' : ` ${f}`} in ${ms(n)}`,
  inProgress: () => '→ still in progress',
  why: () => 'why',
  fromApp: (s) => `the app answered ${s}`,
  children: () => 'requests the app made while serving it (it propagated x-request-id):',
  noRequests: () => 'no requests recorded yet',
  listHeader: () => ['X-REQUEST-ID', 'METHOD', 'AUTHORITY', 'PATH', 'CODE', 'FLAGS', 'DURATION'],
};

const KO: InspectWords = {
  hop: (k) => ({ gateway: '게이트웨이', outbound: '클라이언트 사이드카', inbound: '서버 사이드카' })[k],
  listener: (l, c) => `리스너 ${l}` + (c === '' ? '' : `, 필터 체인 ${c}`),
  mtlsFrom: (p) => (p === undefined ? '평문으로 들어왔습니다' : `${p}에서 mTLS로 들어왔습니다`),
  route: (d) =>
    d.httpRoute !== undefined
      ? `HTTPRoute ${d.httpRoute.namespace}/${d.httpRoute.name}의 라우트 (route config ${d.routeConfig})`
      : d.virtualService === undefined
        ? `${d.routeConfig}의 라우트 ${d.routeName || '(이름 없음)'} (VirtualService 없음: 서비스의 기본 라우트)`
        : `VirtualService ${vsName(d)}${place(d)}의 라우트 (route config ${d.routeConfig})`,
  noRoute: (d) => `${d.routeConfig || '라우트 테이블'}에 맞는 라우트가 없습니다: 404 NR`,
  directResponse: (s) => `라우트가 직접 응답합니다: ${s}`,
  cluster: (d) =>
    `클러스터 ${d.cluster}` +
    (d.subset === undefined ? '' : ` (subset ${d.subset})`) +
    (d.weights === undefined ? '' : `, 가중치 분배${split(d)}에서 뽑혔습니다`) +
    (d.exists ? '' : ': 그런 클러스터가 없습니다 (503 NC)'),
  timeouts: (d) =>
    `라우트 타임아웃 ${d.routeMs > 0 ? ms(d.routeMs) : '없음'}, 재시도 ${d.maxRetries}회` +
    (d.perTryMs > 0 ? `, 시도별 타임아웃 ${ms(d.perTryMs)}` : ''),
  endpoint: (d) =>
    (d.endpoint === undefined
      ? `건강한 엔드포인트가 없습니다: ${d.total}개 중 ${d.healthy}개 정상 (503 UH)`
      : d.total === 0
        ? `원래 목적지로 보냈습니다: ${d.endpoint}`
        : `로드 밸런서가 고른 엔드포인트: ${d.endpoint} (${d.total}개 중 ${d.healthy}개 정상)`) +
    (d.ejected.length === 0 ? '' : `; 이상치 감지로 퇴출됨: ${d.ejected.join(', ')}`),
  attempt: (d) =>
    `시도 ${d.attempt} → ${d.endpoint}: ${d.end === 'response' ? String(d.status) : END_KO[d.end]}` +
    (d.end === 'response' || d.end === 'reset'
      ? d.peerIdentity === undefined
        ? ', 평문'
        : `, mTLS (상대: ${d.peerIdentity})`
      : '') +
    (d.retried ? `; 재시도했습니다${d.backOffMs > 0 ? ` (백오프 ${d.backOffMs}ms 후)` : ''}` : '') +
    (d.noRetry === 'limit' ? '; 재시도하지 않았습니다: 재시도 횟수를 다 썼습니다 (URX)' : '') +
    (d.noRetry === 'overflow' ? '; 재시도하지 않았습니다: 재시도 브레이커가 찼습니다' : '') +
    (d.noRetry === 'not-retriable' ? '; 재시도하지 않았습니다: 재시도 정책에 해당하지 않습니다' : ''),
  faultDelay: (n) => `장애 주입이 요청을 ${ms(n)} 지연시켰습니다 (DI)`,
  faultAbort: (s) => `장애 주입이 요청을 중단시켰습니다: ${s} (FI)`,
  rbac: (d) =>
    d.allowed
      ? `RBAC ${d.action}: 허용했습니다` + (d.policy === undefined ? '' : ` (${d.policy})`)
      : `RBAC ${d.action}: 거부했습니다` +
        (d.policy === undefined ? ' (맞는 ALLOW 정책이 없습니다)' : ` (${d.policy})`) +
        ': 403 RBAC: access denied',
  jwt: (d) => (d.ok ? 'JWT를 검증했습니다' : `JWT를 거부했습니다: ${d.status}`),
  rateLimit: (d) =>
    d.allowed
      ? `로컬 레이트 리밋: 허용했습니다, 토큰 ${d.maxTokens}개 중 ${d.tokensLeft ?? '?'}개 남음 (${ms(d.fillIntervalMs)}마다 채움)`
      : `로컬 레이트 리밋: 토큰 ${d.maxTokens}개가 모두 소진되었습니다 (${ms(d.fillIntervalMs)}마다 채움): 429 RL`,
  breaker: (d) =>
    d.resource === 'request-breaker'
      ? '503은 실습의 요청 브레이커에서 나왔습니다 (UO)'
      : `503은 커넥션 풀 서킷 브레이커에서 나왔습니다: ${BREAKER_KO[d.resource]} ${d.count}개, 최대 ${d.max}개 (UO)`,
  routeTimeout: (n) => `라우트 타임아웃(${ms(n)})이 지났습니다: 504 UT`,
  downstreamGone: () =>
    '응답 전에 클라이언트가 기다리기를 그만두었습니다 (DC): 클라이언트 자체 타임아웃이거나 연결을 끊었습니다',
  answered: (s, f, n) => `→ ${s === 0 ? '응답 없음' : s}${f === '-' ? '' : ` ${f}`}, ${ms(n)}`,
  inProgress: () => '→ 아직 진행 중입니다',
  why: () => '이유',
  fromApp: (s) => `앱이 응답했습니다: ${s}`,
  children: () => '앱이 이 요청을 처리하며 보낸 요청 (x-request-id를 전달했습니다):',
  noRequests: () => '아직 기록된 요청이 없습니다',
  listHeader: () => ['X-REQUEST-ID', 'METHOD', 'AUTHORITY', 'PATH', 'CODE', 'FLAGS', 'DURATION'],
};

export const INSPECT_WORDS: Readonly<Record<InspectLocale, InspectWords>> = { en: EN, ko: KO };
