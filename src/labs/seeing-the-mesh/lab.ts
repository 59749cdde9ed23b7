import { defineLab } from '../schema';

export default defineLab({
  id: 'seeing-the-mesh',
  lesson: '2.5',
  lessonSlug: 'part-2/seeing-the-mesh',
  title: { ko: 'Kiali로 보는 메시: 세 버전의 reviews', en: 'Seeing the mesh: three versions of reviews' },
  summary: {
    ko: '애드온(Prometheus, Kiali)을 설치하고, NKS 로드밸런서의 호스트 이름으로 productpage에 트래픽을 보내 라우팅 정책 없이 reviews의 세 버전이 모두 불리는 것을 그래프에서 봅니다. 그래프를 읽는 문제를 푼 뒤, 로드밸런서를 먼저 반납하고 Istio를 지우는 순서로 정리합니다. 채점은 사이드카가 센 요청 수와 여러분 클러스터의 상태로 합니다.',
    en: 'Install the add-ons (Prometheus, Kiali), send traffic to productpage through the NKS load balancer’s host name, and watch all three versions of reviews answer with no routing policy in the graph. Read the graph in a quiz, then clean up in the order that gives the load balancer back before Istio goes. Grading reads the requests the sidecars counted and the state of your own cluster.',
  },
  kind: 'config',
  difficulty: 'beginner',
  // The bookinfo preset is Istio's getting-started state: the demo profile on an NKS-like cluster, Bookinfo with
  // its sidecars and bookinfo-gateway, the ingress gateway's Service holding a load balancer host name.
  preset: 'bookinfo',
  setup: [],
  editable: ['notes.md'],
  main: 'notes.md',
  steps: [
    {
      id: 'install-addons',
      minutes: 3,
      commands: ['kubectl apply -f samples/addons', 'kubectl rollout status deployment/kiali -n istio-system'],
    },
    {
      id: 'generate-traffic',
      minutes: 5,
      commands: [
        "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
        'for i in $(seq 1 50); do curl -s -o /dev/null "http://$GATEWAY_URL/productpage"; done',
      ],
    },
    { id: 'read-the-graph', minutes: 4 },
    {
      id: 'release-load-balancer',
      minutes: 3,
      commands: [
        'kubectl delete -f samples/bookinfo/networking/bookinfo-gateway.yaml',
        'kubectl delete service istio-ingressgateway -n istio-system',
      ],
    },
    {
      id: 'remove-istio',
      minutes: 3,
      commands: ['istioctl uninstall --purge -y'],
    },
  ],
});
