import { defineLab } from '../schema';

export default defineLab({
  id: 'istio-install',
  lesson: '2.2',
  lessonSlug: 'part-2/installing-istio',
  title: { ko: 'NKS 클러스터에 Istio 설치하기', en: 'Installing Istio on an NKS cluster' },
  summary: {
    ko: '레슨 2.1이 끝난 클러스터(kubeconfig가 있고 Istio는 없음)에서 시작합니다. istioctl x precheck로 설치해도 되는지 확인하고, demo 프로필로 설치한 뒤, IstioOperator 파일로 인그레스 게이트웨이의 NCP 로드밸런서 유형(nplb)을 설치할 때 정해 다시 설치합니다. 채점은 istiod가 Ready인지, 게이트웨이 서비스가 로드밸런서 호스트 이름을 받았는지, 그 서비스에 어노테이션이 실제로 붙었는지로 합니다.',
    en: 'Start where lesson 2.1 ended: a kubeconfig, no Istio. Check with istioctl x precheck that installing is safe, install the demo profile, then reinstall from an IstioOperator file that sets the ingress gateway’s NCP load balancer type (nplb) at install time. Grading looks at istiod being Ready, the gateway service getting a load balancer host name, and the annotation really being on that service.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'bare',
  setup: [],
  editable: ['nks-operator.yaml'],
  main: 'nks-operator.yaml',
  steps: [
    { id: 'precheck', minutes: 3 },
    { id: 'install-demo', minutes: 5, commands: ['istioctl install --set profile=demo -y'] },
    {
      id: 'nplb-gateway',
      minutes: 8,
      commands: ['istioctl uninstall --purge -y', 'istioctl install -f nks-operator.yaml -y'],
    },
  ],
});
