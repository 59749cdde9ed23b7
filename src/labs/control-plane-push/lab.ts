import { defineLab } from '../schema';

export default defineLab({
  id: 'control-plane-push',
  lesson: '1.3',
  lessonSlug: 'part-1/data-and-control-plane',
  title: { ko: '프록시 50개: 손으로 고치기와 한 번의 푸시', en: 'Fifty proxies: a hand edit against one push' },
  summary: {
    ko: 'curl 클라이언트 50개가 느린 httpbin을 부릅니다. 프록시 하나의 타임아웃을 손으로 고쳐 그 프록시만 istiod와 어긋나는 모습을 보고, VirtualService 하나로 50개 모두를 한 번에 바꾼 뒤, 프록시가 거부하는 설정을 밀어 넣어 마지막 정상 설정이 계속 동작하는지 확인합니다. 채점은 가상 시계로 잰 타임아웃과 istiod가 보는 동기화 상태로 합니다.',
    en: 'Fifty curl clients call a slow httpbin. Edit one proxy’s timeout by hand and watch it drift from istiod, change all fifty with one VirtualService, then push a config the proxies refuse and see the last good one keep serving. Graded on timeouts measured on the virtual clock and on the sync status istiod reports.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'istio',
  setup: [
    'kubectl create namespace shop',
    'kubectl label namespace shop istio-injection=enabled',
    'kubectl apply -n shop -f samples/httpbin/httpbin.yaml',
    'kubectl apply -n shop -f samples/curl/curl.yaml',
  ],
  editable: ['virtual-service.yaml', 'envoy-filter.yaml'],
  main: 'virtual-service.yaml',
  apply: ['virtual-service.yaml', 'envoy-filter.yaml'],
  steps: [
    {
      id: 'fleet',
      minutes: 4,
      commands: ['kubectl scale -n shop deploy/curl --replicas=50', 'kubectl rollout status -n shop deploy/curl'],
    },
    {
      id: 'hand-edit',
      minutes: 6,
      commands: [
        "export POD=$(kubectl get pod -n shop -l app=curl -o jsonpath='{.items[0].metadata.name}')",
        'meshdojo proxy edit $POD -n shop --host httpbin:8000 --timeout 1s',
      ],
    },
    { id: 'one-push', minutes: 6 },
    { id: 'break-it', minutes: 8 },
    { id: 'what-istiod-knows', minutes: 4 },
  ],
});
