import { defineLab } from '../schema';

export default defineLab({
  id: 'authorization',
  lesson: '3.7',
  lessonSlug: 'part-3/authorization',
  title: {
    ko: '인가 정책: 누가 어떤 메서드로 부를 수 있는가',
    en: 'Authorization: who may call what, with which method',
  },
  summary: {
    ko: 'default 네임스페이스를 모두 거부로 닫은 다음, 서비스마다 필요한 호출자와 메서드만 허용합니다. productpage는 누구나 GET으로 열되 POST는 /login에만, details와 reviews는 productpage의 GET만, ratings는 reviews의 GET만 받습니다. 마지막에는 ALLOW 규칙을 그대로 두고 DENY 정책 하나로 API 경로를 막아, DENY가 먼저 평가된다는 것을 확인합니다. 채점은 검사가 각 파드의 사이드카에서 직접 보낸 호출자 × 메서드 × 경로 행렬의 응답으로 합니다.',
    en: 'Close the default namespace with deny-all, then allow each service only the callers and methods it needs: productpage open to anyone on GET but POST only on /login, details and reviews only to productpage’s GETs, ratings only to reviews’ GETs. Last, leave the ALLOW rules in place and block the API path with one DENY policy, to see that DENY is evaluated first. Grading sends a matrix of callers × methods × paths from each pod’s own sidecar and reads the answers.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'bookinfo',
  setup: [],
  editable: ['authorization.yaml'],
  main: 'authorization.yaml',
  apply: ['authorization.yaml'],
  steps: [
    { id: 'deny-all', minutes: 4 },
    { id: 'open-productpage', minutes: 6 },
    { id: 'details-reviews', minutes: 7 },
    { id: 'ratings-for-reviews', minutes: 5 },
    { id: 'break-it', minutes: 5 },
  ],
});
