import { defineLab } from '../schema';

export default defineLab({
  id: 'route-translation',
  lesson: '1.5',
  lessonSlug: 'part-1/pilot',
  title: { ko: 'VirtualService를 Envoy 라우트로 번역하기', en: 'Translate a VirtualService into Envoy routes' },
  summary: {
    ko: 'istiod(옛 Pilot)가 하는 일을 TypeScript로 직접 해 봅니다. VirtualService의 http 규칙을 사이드카가 받는 Envoy 라우트(RDS)로 번역하면서, 매치 순서, 가중치, 헤더 매치, 타임아웃과 재시도를 한 단계에 하나씩 채웁니다. 채점은 공개하지 않은 VirtualService를 시뮬레이터의 istiod와 여러분의 코드로 각각 번역해 비교합니다. 마지막에는 여러분의 라우트를 productpage의 사이드카에 넣고, Bookinfo 트래픽으로 요청이 어디로 가는지 확인합니다.',
    en: 'Do istiod’s (formerly Pilot’s) job in TypeScript: turn a VirtualService’s http rules into the Envoy routes (RDS) a sidecar receives, one idea per step: match order, weights, header matches, timeouts and retries. Grading translates VirtualServices you have not seen with the simulator’s istiod and with your code and compares the two; at the end your routes go into productpage’s sidecar and Bookinfo traffic shows where they send requests.',
  },
  kind: 'code',
  difficulty: 'intermediate',
  preset: 'bookinfo',
  setup: ['kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml'],
  editable: ['translate-routes.ts'],
  readOnly: ['route-types.ts'],
  main: 'translate-routes.ts',
  steps: [
    { id: 'first-match', minutes: 10 },
    { id: 'weights', minutes: 6 },
    { id: 'header-matches', minutes: 8 },
    { id: 'timeout-retries', minutes: 10 },
    { id: 'in-the-mesh', minutes: 8 },
  ],
});
