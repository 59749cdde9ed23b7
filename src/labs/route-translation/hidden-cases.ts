/**
 * The VirtualServices the checks translate twice, with the learner's code and with istiod's, step by step. The
 * learner never sees them before a check fails on one: other hosts, namespaces, ports, weights and header names
 * than the steps' texts use, so code written for one example does not pass.
 */
import type { Bilingual } from '../schema';
import { both } from '../grader/text';
import type { HTTPRoute, RouteServicePorts } from '../mesh';

export interface HiddenCase {
  readonly id: string;
  readonly about: Bilingual;
  readonly namespace: string;
  readonly listenPort: number;
  readonly http: readonly HTTPRoute[];
}

/** The mesh every case is translated in. */
export const SERVICES: readonly RouteServicePorts[] = [
  { name: 'reviews', namespace: 'default', ports: [9080] },
  { name: 'ratings', namespace: 'default', ports: [9080] },
  { name: 'catalog', namespace: 'shop', ports: [8080] },
  { name: 'cart', namespace: 'shop', ports: [80, 8443] },
  { name: 'payments', namespace: 'billing', ports: [7070] },
];

const to = (host: string, subset?: string, weight?: number): NonNullable<HTTPRoute['route']>[number] => ({
  destination: { host, ...(subset === undefined ? {} : { subset }) },
  ...(weight === undefined ? {} : { weight }),
});

export const FIRST_MATCH_CASES: readonly HiddenCase[] = [
  {
    id: 'exact-then-prefix',
    about: both('정확한 경로, 접두사, 나머지 전부', 'an exact path, a prefix, then everything else'),
    namespace: 'shop',
    listenPort: 8080,
    http: [
      { match: [{ uri: { exact: '/catalog/featured' } }], route: [to('catalog', 'stable')] },
      { match: [{ uri: { prefix: '/catalog/' } }, { uri: { exact: '/catalog' } }], route: [to('catalog', 'next')] },
      { route: [to('catalog')] },
    ],
  },
  {
    id: 'catch-all-in-the-middle',
    about: both('중간에 있는, 모든 요청을 받는 규칙 뒤의 규칙', 'rules after a catch-all in the middle'),
    namespace: 'default',
    listenPort: 9080,
    http: [
      { match: [{ uri: { prefix: '/api/v2' } }], route: [to('ratings', 'v2')] },
      { route: [to('ratings', 'v1')] },
      { match: [{ uri: { exact: '/health' } }], route: [to('ratings', 'v3')] },
    ],
  },
  {
    id: 'prefix-slash-match',
    about: both(
      "prefix '/' 매치가 그 뒤의 매치와 규칙을 가림",
      "a match of prefix '/' hides the matches and rules after it",
    ),
    namespace: 'billing',
    listenPort: 7070,
    http: [
      {
        match: [{ uri: { exact: '/refund' } }, { uri: { prefix: '/' } }, { uri: { prefix: '/x' } }],
        route: [to('payments', 'a')],
      },
      { route: [to('payments', 'b')] },
    ],
  },
  {
    id: 'hosts-and-ports',
    about: both(
      '다른 네임스페이스의 FQDN, 포트가 둘인 서비스, 명시한 포트',
      'an FQDN in another namespace, a two-port service, an explicit port',
    ),
    namespace: 'shop',
    listenPort: 80,
    http: [
      { match: [{ uri: { prefix: '/pay' } }], route: [to('payments.billing.svc.cluster.local')] },
      {
        match: [{ uri: { prefix: '/secure' } }],
        route: [{ destination: { host: 'cart', port: { number: 8443 } } }],
      },
      { match: [{ uri: { exact: '/' } }], route: [to('cart', 'v1')] },
    ],
  },
];

export const WEIGHT_CASES: readonly HiddenCase[] = [
  {
    id: 'three-way-split',
    about: both('세 서브셋으로 나누기(60/30/10)', 'a three-way split (60/30/10)'),
    namespace: 'default',
    listenPort: 9080,
    http: [{ route: [to('reviews', 'v1', 60), to('reviews', 'v2', 30), to('reviews', 'v3', 10)] }],
  },
  {
    id: 'zero-weight-and-single',
    about: both(
      '가중치 0인 목적지와, 가중치가 붙은 목적지 하나',
      'a destination of weight 0, and a single destination with a weight',
    ),
    namespace: 'shop',
    listenPort: 8080,
    http: [
      { match: [{ uri: { prefix: '/beta' } }], route: [to('catalog', 'v1', 0), to('catalog', 'v2', 100)] },
      { route: [to('catalog', 'v1', 100)] },
    ],
  },
  {
    id: 'weights-not-summing-to-100',
    about: both('합이 100이 아닌 가중치(3:1)', 'weights that do not add up to 100 (3:1)'),
    namespace: 'billing',
    listenPort: 7070,
    http: [{ route: [to('payments', 'blue', 3), to('payments.billing.svc.cluster.local', 'green', 1)] }],
  },
];

export const HEADER_CASES: readonly HiddenCase[] = [
  {
    id: 'header-kinds',
    about: both(
      '헤더의 exact, prefix, regex 매치와 대문자 헤더 이름',
      'header exact, prefix and regex matches, an upper-case header name',
    ),
    namespace: 'default',
    listenPort: 9080,
    http: [
      {
        match: [{ headers: { 'X-Tenant': { exact: 'acme' }, 'user-agent': { regex: '.*Firefox.*' } } }],
        route: [to('ratings', 'v2')],
      },
      { match: [{ headers: { cookie: { prefix: 'session=' } } }], route: [to('ratings', 'v3')] },
      { route: [to('ratings', 'v1')] },
    ],
  },
  {
    id: 'uri-and-header',
    about: both('경로와 헤더를 함께 보는 매치, 정규식 경로', 'a match on path and header together, a regex path'),
    namespace: 'shop',
    listenPort: 8080,
    http: [
      {
        match: [{ uri: { prefix: '/catalog' }, headers: { 'end-user': { exact: 'mina' } } }],
        route: [to('catalog', 'canary')],
      },
      { match: [{ uri: { regex: '/items/[0-9]+' } }], route: [to('catalog', 'items')] },
      { match: [{ uri: { regex: '.*' } }], route: [to('catalog', 'stable')] },
      { route: [to('catalog', 'never')] },
    ],
  },
  {
    id: 'header-on-slash-is-not-catch-all',
    about: both(
      "헤더가 붙은 prefix '/'는 모든 요청을 받는 규칙이 아님",
      "a prefix '/' with a header is not a catch-all",
    ),
    namespace: 'billing',
    listenPort: 7070,
    http: [
      { match: [{ uri: { prefix: '/' }, headers: { 'x-canary': { exact: 'on' } } }], route: [to('payments', 'next')] },
      { route: [to('payments', 'stable')] },
    ],
  },
];

export const TIMEOUT_RETRY_CASES: readonly HiddenCase[] = [
  {
    id: 'defaults',
    about: both('timeout도 retries도 없는 규칙(Istio의 기본값)', 'rules without timeout or retries (Istio’s defaults)'),
    namespace: 'default',
    listenPort: 9080,
    http: [
      { match: [{ uri: { prefix: '/reviews' } }], route: [to('reviews', 'v1')] },
      { route: [to('reviews', 'v2')] },
    ],
  },
  {
    id: 'timeouts-and-retries',
    about: both(
      '밀리초 단위 타임아웃, 시도별 타임아웃, 조건과 상태 코드를 적은 retryOn',
      'a millisecond timeout, a per-try timeout, retryOn with conditions and a status code',
    ),
    namespace: 'shop',
    listenPort: 8080,
    http: [
      {
        match: [{ uri: { prefix: '/search' } }],
        route: [to('catalog', 'v1')],
        timeout: '750ms',
        retries: { attempts: 4, perTryTimeout: '0.2s', retryOn: 'gateway-error,connect-failure,429' },
      },
      {
        route: [to('catalog', 'v1', 50), to('catalog', 'v2', 50)],
        timeout: '1m',
        retries: { attempts: 1, retryOn: '5xx' },
      },
    ],
  },
  {
    id: 'retries-off',
    about: both('attempts: 0, 그리고 attempts 없이 적은 retries', 'attempts: 0, and retries written without attempts'),
    namespace: 'billing',
    listenPort: 7070,
    http: [
      { match: [{ uri: { exact: '/charge' } }], route: [to('payments')], timeout: '2.5s', retries: { attempts: 0 } },
      { route: [to('payments')], retries: { perTryTimeout: '1s' } },
    ],
  },
];
