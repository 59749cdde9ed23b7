import { defineLab } from '../schema';

export default defineLab({
  id: 'cleanup',
  lesson: '3.10',
  lessonSlug: 'part-3/wrap-up',
  title: {
    ko: '정리: 3부가 남긴 것을 치우기',
    en: 'Wrap-up: clearing away what Part 3 left',
  },
  summary: {
    ko: '3부의 과제들이 정리 없이 끝난 클러스터에서 시작합니다. default에는 Bookinfo와 그 라우팅 규칙, 인가 정책이, istio-system에는 메시 전체의 STRICT 정책과 속도 제한 EnvoyFilter가, foo·bar·legacy 네임스페이스에는 mTLS 과제의 워크로드가 남아 있습니다. istio.io의 정리 명령으로 이것을 모두 지우되 Istio 자체는 남기고, 마지막으로 다음에 배울 것을 묻는 문제를 풉니다. 채점은 클러스터에 무엇이 남았는지로 합니다.',
    en: 'Start on a cluster where Part 3’s tasks ended without their cleanups: Bookinfo with its routing rules and an authorization policy in default, the mesh-wide STRICT policy and the rate limit’s EnvoyFilter in istio-system, and the mTLS task’s workloads in the namespaces foo, bar and legacy. Remove all of it with istio.io’s cleanup commands while Istio itself stays, then answer a quiz on what to learn next. Grading looks at what is left in the cluster.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'bookinfo',
  setup: [
    'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml',
    'kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml',
    'kubectl create ns foo',
    'kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n foo',
    'kubectl create ns bar',
    'kubectl apply -f <(istioctl kube-inject -f samples/curl/curl.yaml) -n bar',
    'kubectl create ns legacy',
    'kubectl apply -f samples/curl/curl.yaml -n legacy',
    'kubectl apply -f part-3-leftovers.yaml',
  ],
  editable: ['cleanup.sh'],
  readOnly: ['part-3-leftovers.yaml'],
  main: 'cleanup.sh',
  steps: [
    { id: 'bookinfo', minutes: 6, commands: ['samples/bookinfo/platform/kube/cleanup.sh'] },
    {
      id: 'mesh-and-namespaces',
      minutes: 6,
      commands: [
        'kubectl delete peerauthentication --all-namespaces --all',
        'kubectl delete envoyfilter filter-local-ratelimit-svc -n istio-system',
        'kubectl delete ns foo bar legacy',
      ],
    },
    { id: 'what-next', minutes: 5 },
  ],
});
