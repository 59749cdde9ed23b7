import { defineLab } from '../schema';

export default defineLab({
  id: 'circuit-breaker',
  lesson: '1.2',
  lessonSlug: 'part-1/circuit-breaker',
  title: { ko: '서킷 브레이커 구현하기', en: 'Implement a circuit breaker' },
  summary: {
    ko: '먼저 질문 세 개로 브레이커의 동작을 예측한 뒤, TypeScript로 닫힘 → 열림 → 반열림을 오가는 CircuitBreaker를 한 단계씩 작성합니다. 가상 시계로 상태 전이를 검사하고, 시뮬레이터의 사이드카가 여러분의 브레이커로 실패하는 httpbin 호출을 빠르게 끊어 내는지 fortio로 확인합니다.',
    en: 'Predict in three questions what a breaker does, then write a CircuitBreaker in TypeScript, one state at a time: closed, open, half-open. Checks drive it on a virtual clock, and the simulated sidecars use it while fortio calls a failing httpbin: most calls should fail fast.',
  },
  kind: 'code',
  difficulty: 'intermediate',
  preset: 'istio',
  setup: [
    'kubectl label namespace default istio-injection=enabled',
    'kubectl apply -f samples/httpbin/httpbin.yaml',
    'kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml',
  ],
  editable: ['circuit-breaker.ts'],
  readOnly: ['breaker-types.ts'],
  main: 'circuit-breaker.ts',
  steps: [
    { id: 'predict', minutes: 3 },
    { id: 'open-at-threshold', minutes: 10 },
    { id: 'half-open-probe', minutes: 8 },
    { id: 'probe-result', minutes: 6 },
    { id: 'late-answers', minutes: 8 },
    { id: 'stuck-probe', minutes: 8 },
  ],
});
