import { defineLab } from '../schema';

export default defineLab({
  id: 'request-routing',
  lesson: '3.1',
  lessonSlug: 'part-3/request-routing',
  title: { ko: '요청 라우팅: 사용자마다 다른 reviews 버전', en: 'Request routing: a reviews version per user' },
  summary: {
    ko: '서브셋에 이름을 붙이고, VirtualService로 Bookinfo의 reviews 요청을 나눕니다. 모두는 v1, jason은 v2, QA 계정은 v3으로 보낸 뒤, 없는 서브셋을 가리키면 무슨 일이 생기는지 직접 망가뜨려 봅니다. 채점은 인그레스 게이트웨이를 거친 실제 요청으로 합니다.',
    en: 'Name the subsets, then split Bookinfo’s requests to reviews with VirtualServices: everyone to v1, jason to v2, the QA accounts to v3 — and break it on purpose by routing to a subset nobody defined. Grading sends real requests through the ingress gateway.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'bookinfo',
  setup: [],
  editable: ['virtual-services.yaml'],
  main: 'virtual-services.yaml',
  apply: ['virtual-services.yaml'],
  steps: [
    {
      id: 'name-subsets',
      minutes: 3,
      commands: ['kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml'],
    },
    { id: 'all-to-v1', minutes: 6 },
    { id: 'jason-to-v2', minutes: 6 },
    { id: 'testers-to-v3', minutes: 8 },
    { id: 'break-it', minutes: 5 },
  ],
});
