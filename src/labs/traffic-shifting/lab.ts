import { defineLab } from '../schema';

export default defineLab({
  id: 'traffic-shifting',
  lesson: '3.2',
  lessonSlug: 'part-3/traffic-shifting',
  title: { ko: '트래픽 전환: reviews v2 카나리 배포', en: 'Traffic shifting: a canary of reviews v2' },
  summary: {
    ko: '모두 v1에서 시작해 가중치만으로 reviews v2를 내보냅니다. 로그인하지 않은 방문자에게는 20% 카나리, 로그인한 사용자에게는 절반, 팀장 jason에게는 전부를 주고, v3은 가중치 0으로 묶어 둡니다. 마지막에는 합이 100이 아닌 가중치를 넣어 보고 Istio와 Envoy가 어떻게 나누는지 확인합니다. 채점은 인그레스 게이트웨이로 연 페이지 수백 개의 분포로 합니다.',
    en: 'Start with everyone on v1 and release reviews v2 by weights alone: a 20 % canary for anonymous visitors, half for signed-in users, all of it for jason, the team lead, with v3 held at weight 0. Finally, write weights that do not add up to 100 and see how Istio and Envoy share the traffic. Grading counts hundreds of pages opened through the ingress gateway.',
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
      id: 'start-on-v1',
      minutes: 4,
      commands: [
        'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml',
        'kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml',
      ],
    },
    { id: 'canary-v2', minutes: 8 },
    { id: 'signed-in-half', minutes: 6 },
    { id: 'jason-all-v2', minutes: 4 },
    { id: 'break-it', minutes: 7 },
  ],
});
