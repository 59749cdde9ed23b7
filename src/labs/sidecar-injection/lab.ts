import { defineLab } from '../schema';

export default defineLab({
  id: 'sidecar-injection',
  lesson: '2.3',
  lessonSlug: 'part-2/sidecar-injection',
  title: { ko: '사이드카 주입: 레이블을 늦게 붙였을 때', en: 'Sidecar injection: when the label comes late' },
  summary: {
    ko: 'Bookinfo가 주입 레이블보다 먼저 배포된 클러스터에서 시작합니다. 파드가 1/1에 머무는 이유를 istioctl analyze로 찾고, 레이블과 rollout restart로 모든 파드를 2/2로 만든 뒤, ratings 하나만 메시 밖에 두도록 파드 템플릿을 고칩니다. 채점은 여러분의 클러스터에서 파드마다 istio-proxy가 있는지, istiod에 연결되었는지로 합니다.',
    en: 'The cluster starts with Bookinfo deployed before the injection label. Find out with istioctl analyze why the pods stay 1/1, bring every pod to 2/2 with the label and a rollout restart, then change one pod template so that ratings alone stays out of the mesh. Grading looks at your cluster: which pods run istio-proxy and which are connected to istiod.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'istio',
  // The trap of the lesson: Bookinfo goes in before the namespace is labelled, so no pod gets a sidecar.
  setup: ['kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml'],
  editable: ['ratings-v1.yaml'],
  main: 'ratings-v1.yaml',
  apply: ['ratings-v1.yaml'],
  steps: [
    { id: 'spot-the-gap', minutes: 4 },
    {
      id: 'inject',
      minutes: 4,
      commands: ['kubectl label namespace default istio-injection=enabled', 'kubectl rollout restart deployment'],
    },
    { id: 'opt-out', minutes: 6 },
  ],
});
