import { defineLab } from '../schema';

export default defineLab({
  id: 'ingress-nks',
  lesson: '2.4',
  lessonSlug: 'part-2/ingress-gateway',
  title: { ko: '인그레스 게이트웨이와 NCP 로드밸런서', en: 'The ingress gateway and the NCP load balancer' },
  summary: {
    ko: 'Bookinfo가 메시 안에서만 돌고 있습니다. Gateway와 VirtualService로 인그레스 게이트웨이를 열어 NCP 로드밸런서의 호스트 이름으로 productpage를 받고, 그 주소가 어디서 오는지 확인한 뒤, bookinfo.example.com이라는 호스트로 온 요청에만 Bookinfo를 내주도록 좁힙니다. 채점은 클러스터 밖(여러분의 노트북)에서 로드밸런서로 보낸 실제 요청으로 합니다.',
    en: 'Bookinfo runs inside the mesh only. Open the ingress gateway with a Gateway and a VirtualService and get productpage through the NCP load balancer’s host name, see where that address comes from, then narrow it so that only requests for the host bookinfo.example.com get Bookinfo. Grading sends real requests to the load balancer from outside the cluster (your laptop).',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'istio',
  awaitLoadBalancers: false,
  // Where lesson 2.3 ends: Bookinfo in the mesh, nothing open to the outside yet.
  setup: [
    'kubectl label namespace default istio-injection=enabled',
    'kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml',
  ],
  editable: ['bookinfo-gateway.yaml'],
  main: 'bookinfo-gateway.yaml',
  apply: ['bookinfo-gateway.yaml'],
  steps: [
    {
      id: 'open-gateway',
      minutes: 4,
      commands: ['kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml'],
    },
    { id: 'gateway-address', minutes: 4 },
    { id: 'host-only', minutes: 6 },
  ],
});
