import { defineLab } from '../schema';

export default defineLab({
  id: 'envoy-config',
  lesson: '1.4',
  lessonSlug: 'part-1/envoy',
  title: { ko: 'Envoy 설정을 손으로 쓰기', en: 'Writing an Envoy config by hand' },
  summary: {
    ko: 'Bookinfo 옆에, Istio 없이 Envoy 하나를 ConfigMap의 정적 설정으로 띄웁니다. 리스너가 직접 답하게 한 뒤, 클러스터를 하나 붙이고, /api는 catalog로, 나머지는 storefront로 나눕니다. 채점은 Envoy를 거친 실제 요청이 어느 백엔드에 닿았는지로 합니다.',
    en: 'Next to Bookinfo, run one Envoy without Istio, from a static config in a ConfigMap. Make its listener answer by itself, add a cluster, then send /api to catalog and everything else to storefront. Grading sends real requests through that Envoy and looks at which backend answered.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'bookinfo',
  setup: [
    'kubectl apply -f backends.yaml',
    'kubectl run client --image=curlimages/curl --labels=sidecar.istio.io/inject=false --command -- sleep 3600',
    'kubectl wait --for=condition=Ready pod/client --timeout=60s',
  ],
  editable: ['front-envoy.yaml'],
  readOnly: ['backends.yaml'],
  main: 'front-envoy.yaml',
  apply: ['front-envoy.yaml'],
  steps: [
    { id: 'listener', minutes: 8 },
    { id: 'one-cluster', minutes: 7 },
    { id: 'split', minutes: 10 },
    { id: 'break-it', minutes: 5 },
  ],
});
