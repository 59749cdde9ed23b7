import { defineLab } from '../schema';

export default defineLab({
  id: 'istio-today',
  lesson: '1.8',
  lessonSlug: 'part-1/istio-today',
  title: { ko: '오늘의 Istio: Gateway API로 여는 입구', en: 'Istio today: a way in with the Gateway API' },
  summary: {
    ko: '기본으로는 없는 Gateway API의 CRD를 설치하고, istiod가 GatewayClass로 응답하는 것을 확인한 뒤, Gateway와 HTTPRoute로 httpbin의 두 경로만 8080 포트로 엽니다. 채점은 istiod가 띄운 게이트웨이를 거친 실제 요청으로 하고, 마지막으로 그때와 지금의 Istio를 묻는 문제를 풉니다.',
    en: 'Install the Gateway API’s CRDs, which clusters do not ship, see istiod answer with its GatewayClasses, then open two of httpbin’s paths on port 8080 with a Gateway and an HTTPRoute. Grading sends real requests through the gateway istiod deploys; a quiz on Istio then and now ends the lab.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'istio',
  setup: ['kubectl label namespace default istio-injection=enabled', 'kubectl apply -f samples/httpbin/httpbin.yaml'],
  editable: ['gateway.yaml'],
  main: 'gateway.yaml',
  apply: ['gateway.yaml'],
  steps: [
    {
      id: 'gateway-api-crds',
      minutes: 3,
      commands: [
        'kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0" | kubectl apply -f -',
      ],
    },
    { id: 'gateway-and-route', minutes: 10 },
    { id: 'then-and-now', minutes: 4 },
  ],
});
