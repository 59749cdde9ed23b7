import { defineLab } from '../schema';

export default defineLab({
  id: 'fault-injection',
  lesson: '3.3',
  lessonSlug: 'part-3/fault-injection',
  title: { ko: '장애 주입: 느린 ratings, 실패하는 ratings', en: 'Fault injection: slow ratings, failing ratings' },
  summary: {
    ko: 'Bookinfo의 ratings 호출에 지연과 중단을 주입합니다. kate의 요청은 productpage의 제한 시간 안쪽으로, lee의 요청은 바깥쪽으로 늦추고, park의 요청은 절반만 실패시킨 뒤, reviews는 건드리지 않고 jason의 별점만 사라지게 합니다. 채점은 인그레스 게이트웨이를 거친 페이지 내용과 가상 시계로 잰 시간으로 합니다.',
    en: 'Inject delays and aborts into Bookinfo’s calls to ratings: slow kate’s requests down inside productpage’s time limit and lee’s past it, fail half of park’s, and finally take away jason’s stars without touching reviews. Grading reads the pages served through the ingress gateway and times them on the virtual clock.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'bookinfo',
  setup: [],
  editable: ['ratings-faults.yaml'],
  readOnly: ['reviews-v2.yaml'],
  main: 'ratings-faults.yaml',
  apply: ['ratings-faults.yaml'],
  steps: [
    {
      id: 'baseline',
      minutes: 4,
      commands: [
        'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml',
        'kubectl apply -f reviews-v2.yaml',
      ],
    },
    { id: 'delay-under-limit', minutes: 6 },
    { id: 'delay-over-limit', minutes: 5 },
    { id: 'abort-some', minutes: 6 },
    { id: 'break-it', minutes: 5 },
  ],
});
