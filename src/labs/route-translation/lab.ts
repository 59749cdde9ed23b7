import { defineLab } from '../schema';

export default defineLab({
  id: 'route-translation',
  lesson: '1.5',
  lessonSlug: 'part-1/pilot',
  title: { ko: 'VirtualService를 Envoy 라우트로 옮기기', en: 'Translate a VirtualService into Envoy routes' },
  summary: {
    ko: 'istiod(옛 Pilot)가 하는 일을 TypeScript로 직접 합니다. VirtualService의 http 규칙을 사이드카가 받는 Envoy 라우트(RDS)로 옮기며 match 순서, 가중치, 헤더 match, 타임아웃과 재시도를 한 단계씩 채웁니다. 채점은 여러분이 보지 못한 VirtualService들을 시뮬레이터의 istiod와 여러분의 코드로 함께 옮겨 비교하고, 마지막에는 여러분의 라우트를 productpage의 사이드카에 넣어 Bookinfo 트래픽으로 확인합니다.',
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
