import { defineLab } from '../schema';

export default defineLab({
  id: 'http-filter',
  lesson: '1.4',
  lessonSlug: 'part-1/envoy',
  title: { ko: 'HTTP 필터 작성하기: 테넌트 가드', en: 'Write an HTTP filter: a tenant guard' },
  summary: {
    ko: 'TypeScript로 Envoy식 HTTP 필터를 작성해 시뮬레이터의 사이드카에서 실행합니다. 응답에 헤더를 붙이고, 모르는 테넌트를 지정한 요청은 400으로 돌려보내며 횟수를 셉니다. 그다음 EnvoyFilter로 httpbin의 사이드카에만 필터를 넣고, 설정이 빠진 필터로 일부러 망가뜨려 봅니다. 채점은 sleep 파드에서 보낸 실제 요청의 상태 코드, 응답 헤더, 사이드카 통계로 합니다.',
    en: 'Write an Envoy-style HTTP filter in TypeScript and run it in the simulated sidecars: it stamps a header on responses, answers 400 to a request naming an unknown tenant and counts it. Then an EnvoyFilter puts it into httpbin’s sidecar only, and a filter entry without its config breaks it on purpose. Grading sends real requests from the sleep pod and reads status codes, response headers and the sidecars’ stats.',
  },
  kind: 'code',
  difficulty: 'intermediate',
  preset: 'istio',
  setup: [
    'kubectl label namespace default istio-injection=enabled',
    'kubectl apply -f samples/httpbin/httpbin.yaml',
    'kubectl apply -f samples/helloworld/helloworld.yaml -l service=helloworld',
    'kubectl apply -f samples/helloworld/helloworld.yaml -l version=v1',
    'kubectl apply -f samples/sleep/sleep.yaml',
  ],
  editable: ['tenant-guard.ts', 'tenant-guard.yaml'],
  readOnly: ['filter-types.ts', 'break-it.yaml'],
  main: 'tenant-guard.ts',
  apply: ['tenant-guard.yaml'],
  steps: [
    { id: 'add-header', minutes: 8 },
    { id: 'reject-unknown-tenant', minutes: 10 },
    { id: 'in-the-mesh', minutes: 10 },
    { id: 'break-it', minutes: 8 },
  ],
});
