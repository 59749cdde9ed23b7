import { defineLab } from '../schema';

export default defineLab({
  id: 'rate-limiting',
  lesson: '3.9',
  lessonSlug: 'part-3/rate-limiting',
  title: {
    ko: '속도 제한: productpage의 토큰 버킷과 API 라우트 하나의 제한',
    en: 'Rate limiting: productpage’s token bucket and a limit for one API route',
  },
  summary: {
    ko: 'EnvoyFilter로 productpage의 사이드카에 로컬 속도 제한을 넣어 30초마다 요청 5개만 받게 하고, 인그레스 게이트웨이에서는 /api/v1/products 라우트 하나만 1분에 3개로 제한합니다. 마지막으로 버킷의 산수를 예측해 봅니다. 채점은 검사가 가상 시계 위에서 직접 보내는 요청의 200과 429 개수로 합니다.',
    en: 'With an EnvoyFilter, put a local rate limit into productpage’s sidecar so that it takes 5 requests every 30 seconds, then limit the single route /api/v1/products at the ingress gateway to 3 a minute. Last, predict the bucket’s arithmetic. Grading counts the 200s and 429s of requests the checks send themselves on the virtual clock.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'bookinfo',
  setup: [],
  editable: ['productpage-limit.yaml', 'api-limit.yaml'],
  main: 'productpage-limit.yaml',
  apply: ['productpage-limit.yaml', 'api-limit.yaml'],
  steps: [
    { id: 'limit-productpage', minutes: 10 },
    { id: 'limit-api', minutes: 12 },
    { id: 'break-it', minutes: 5 },
  ],
});
