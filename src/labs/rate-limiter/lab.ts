import { defineLab } from '../schema';

export default defineLab({
  id: 'rate-limiter',
  lesson: '1.6',
  lessonSlug: 'part-1/mixer',
  title: { ko: '토큰 버킷 속도 제한기 만들기', en: 'Build a token-bucket rate limiter' },
  summary: {
    ko: 'Mixer의 할당량(quota)이 하던 일을 직접 만들어 봅니다. TypeScript로 토큰 버킷을 작성해 가상 시계로 검사하고, 시뮬레이터의 사이드카가 Envoy의 로컬 속도 제한 필터 안에서 여러분의 버킷을 쓰게 합니다. EnvoyFilter로 httpbin 한 곳에만 한도를 걸어 429를 확인하고, 특정 헤더가 있는 요청만 들여보내는 AuthorizationPolicy로 403을 받아 봅니다. 마지막으로 Mixer의 일이 어디로 갔는지 정리합니다.',
    en: "Build what Mixer's quotas did yourself. Write a token bucket in TypeScript, checked on a virtual clock, and the simulated sidecars use it inside Envoy's local rate limit filter. An EnvoyFilter puts a limit on httpbin alone and you watch the 429s; an AuthorizationPolicy that admits one header only gives you 403s. Last, sum up where Mixer's work went.",
  },
  kind: 'code',
  difficulty: 'intermediate',
  // Lesson 1.6's commands run in this lab's terminal, on Bookinfo; httpbin is the workload the learner limits.
  preset: 'bookinfo',
  setup: ['kubectl apply -f samples/httpbin/httpbin.yaml', 'kubectl apply -f samples/sleep/sleep.yaml'],
  editable: ['token-bucket.ts', 'rate-limit.yaml', 'team-only.yaml'],
  readOnly: ['bucket-types.ts'],
  main: 'token-bucket.ts',
  apply: ['rate-limit.yaml', 'team-only.yaml'],
  steps: [
    { id: 'bucket', minutes: 12 },
    { id: 'in-the-mesh', minutes: 8 },
    { id: 'header-only', minutes: 6 },
    { id: 'where-mixer-went', minutes: 3 },
  ],
});
