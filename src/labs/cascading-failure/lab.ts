import { defineLab } from '../schema';

/** gunicorn with 4 sync workers: one page at a time per worker, a pool small enough to fill from one laptop. */
const FOUR_SYNC_WORKERS =
  `kubectl patch deployment productpage-v1 -p '{"spec":{"template":{"spec":{"containers":[{"name":"productpage",` +
  `"args":["gunicorn","-b","[::]:9080","productpage:app","-w","4"]}]}}}}'`;

export default defineLab({
  id: 'cascading-failure',
  lesson: '1.1',
  lessonSlug: 'part-1/why-service-mesh',
  title: {
    ko: '장애 전파: 느린 ratings 하나로 멈추는 페이지',
    en: 'Cascading failure: one slow ratings stalls the page',
  },
  summary: {
    ko: 'ratings를 느리게 만든 뒤 fortio로 부하를 걸어, 워커 4개뿐인 productpage가 어떻게 막히는지 봅니다. 요청 인스펙터로 포화된 서비스와 원인 서비스를 찾아내고, 타임아웃으로 productpage를 지켜 별점 없이도 페이지가 빠르게 뜨게 만듭니다. 채점은 가상 시계로 잰 응답 시간과 페이지 내용으로 합니다.',
    en: 'Make ratings slow, put load on it with fortio and watch productpage, which has only 4 workers, stall. Find the saturated service and the one that caused it with the request inspector, then protect productpage with a timeout so pages load fast without stars. Grading times the pages on the virtual clock and reads what they show.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'bookinfo',
  setup: [
    'kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml',
    FOUR_SYNC_WORKERS,
    'kubectl rollout status deployment/productpage-v1',
  ],
  editable: ['resilience.yaml'],
  main: 'resilience.yaml',
  apply: ['resilience.yaml'],
  steps: [
    {
      id: 'slow-ratings',
      minutes: 6,
      commands: [
        `kubectl patch deployment ratings-v1 -p '{"spec":{"template":{"spec":{"containers":[{"name":"ratings","env":[{"name":"SERVICE_VERSION","value":"v-delayed"}]}]}}}}'`,
        'kubectl rollout status deployment/ratings-v1',
        'kubectl exec deploy/fortio-deploy -c fortio -- fortio load -c 8 -qps 0 -n 80 -loglevel Warning http://productpage:9080/productpage',
      ],
    },
    { id: 'find-cause', minutes: 6 },
    { id: 'add-timeout', minutes: 8 },
    { id: 'do-the-math', minutes: 4 },
  ],
});
