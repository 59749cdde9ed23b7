import { defineLab } from '../schema';

export default defineLab({
  id: 'circuit-breaking',
  lesson: '3.5',
  lessonSlug: 'part-3/circuit-breaking',
  title: {
    ko: '서킷 브레이킹: 동시 요청 제한과 이상치 감지',
    en: 'Circuit breaking: concurrency limits and outlier detection',
  },
  summary: {
    ko: 'httpbin의 DestinationRule로 동시에 두 호출자까지만 받고 나머지는 곧바로 503 UO로 거절하게 만든 뒤, 고장 난 httpbin 레플리카를 이상치 감지로 1분 동안 빼냅니다. 채점은 검사가 직접 보내는 fortio 부하의 응답 코드와 가상 시계로 잰 퇴출·복귀 시점으로 합니다.',
    en: 'With httpbin’s DestinationRule, take two callers at a time and turn the rest away at once with 503 UO, then eject a broken httpbin replica for one minute with outlier detection. Grading counts the status codes of fortio load the checks send themselves, and times the ejection and the return on the virtual clock.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'istio',
  setup: [],
  editable: ['circuit-breaking.yaml'],
  readOnly: ['httpbin-broken.yaml'],
  main: 'circuit-breaking.yaml',
  apply: ['circuit-breaking.yaml'],
  steps: [
    {
      id: 'deploy',
      minutes: 4,
      commands: [
        'kubectl label namespace default istio-injection=enabled',
        'kubectl apply -f samples/httpbin/httpbin.yaml',
        'kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml',
      ],
    },
    { id: 'allow-two', minutes: 8 },
    {
      id: 'broken-replica',
      minutes: 4,
      commands: ['kubectl apply -f httpbin-broken.yaml', 'kubectl rollout status deployment/httpbin-broken'],
    },
    { id: 'eject-broken', minutes: 8 },
    { id: 'break-it', minutes: 4 },
  ],
});
