import { defineLab } from '../schema';

export default defineLab({
  id: 'request-routing',
  lesson: '3.1',
  lessonSlug: 'part-3/request-routing',
  title: { ko: '요청 라우팅: 모두 v1로, jason은 v2로', en: 'Request routing: everyone to v1, jason to v2' },
  summary: {
    ko: 'VirtualService를 작성해 Bookinfo의 모든 트래픽을 reviews v1으로 보내고, jason으로 로그인한 사용자의 요청만 v2로 보냅니다. 채점은 인그레스 게이트웨이를 거친 실제 요청으로 합니다.',
    en: 'Write VirtualServices that send all Bookinfo traffic to reviews v1 and only the requests of a user logged in as jason to v2. Grading sends real requests through the ingress gateway.',
  },
  kind: 'config',
  preset: 'bookinfo',
  setup: [],
  editable: ['virtual-services.yaml'],
  readOnly: ['destination-rules.yaml'],
  main: 'virtual-services.yaml',
  apply: ['destination-rules.yaml', 'virtual-services.yaml'],
});
