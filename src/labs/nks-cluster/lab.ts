import { defineLab } from '../schema';

export default defineLab({
  id: 'nks-cluster',
  lesson: '2.1',
  lessonSlug: 'part-2/nks-cluster',
  title: { ko: 'NKS 클러스터에 kubectl 연결하기', en: 'Connecting kubectl to an NKS cluster' },
  summary: {
    ko: 'kubeconfig가 없는 노트북에서 시작합니다. API 인증키를 설정하고, 콘솔 정보 대신 주어진 cluster-info.txt에서 클러스터 UUID를 찾아 ncp-iam-authenticator로 kubeconfig를 만든 뒤, kubectl이 NKS 클러스터에 접속되는지 확인합니다. 채점은 여러분의 터미널에서 인증 토큰이 실제로 발급되는지, kubectl이 클러스터에 닿는지로 합니다.',
    en: 'Start from a laptop with no kubeconfig. Set your API keys, find the cluster UUID in cluster-info.txt (which stands in for the console), make a kubeconfig with ncp-iam-authenticator and see kubectl reach the NKS cluster. Grading asks whether your terminal really gets a token and whether its kubectl reaches the cluster.',
  },
  kind: 'config',
  difficulty: 'beginner',
  preset: 'bare',
  // The learner makes the kubeconfig in this lab: kubectl finds none until then.
  kubeconfig: false,
  setup: [],
  editable: ['api-keys.env'],
  readOnly: ['cluster-info.txt'],
  main: 'api-keys.env',
  steps: [
    {
      id: 'api-keys',
      minutes: 4,
      commands: ['source api-keys.env', `CLUSTER_UUID=$(awk '$1 == "UUID" {print $2}' cluster-info.txt)`],
    },
    {
      id: 'kubeconfig',
      minutes: 5,
      commands: [
        'ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid $CLUSTER_UUID --output kubeconfig.yaml',
        'export KUBECONFIG=$PWD/kubeconfig.yaml',
      ],
    },
    { id: 'nodes', minutes: 3 },
  ],
});
