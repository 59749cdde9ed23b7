import { defineLab } from '../schema';

/**
 * The hidden fault the first step finds from metrics alone: reviews-v3's sidecar aborts 40 % of its calls to
 * ratings with 500, while reviews-v2's calls pass. The lesson's commands replay in this terminal too, so it only
 * touches an edge the lesson does not show.
 */
export const HIDDEN_FAULT = `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts:
  - ratings
  http:
  - match:
    - sourceLabels:
        version: v3
    fault:
      abort:
        percentage:
          value: 40
        httpStatus: 500
    route:
    - destination:
        host: ratings
  - route:
    - destination:
        host: ratings
EOF`;

export default defineLab({
  id: 'observability',
  lesson: '3.8',
  lessonSlug: 'part-3/observability',
  title: {
    ko: '관측: 메트릭으로 숨은 장애 찾기, 워크로드 하나의 액세스 로그',
    en: 'Observability: find a hidden fault from metrics, log one workload',
  },
  summary: {
    ko: '누군가 메시 어딘가에 장애를 숨겨 두었습니다. 프록시의 istio_requests_total만 읽고 어느 호출이 어떤 코드로 실패하는지 찾아냅니다. 이어서 Telemetry 리소스로 그 장애를 보는 워크로드 하나에만 액세스 로그를 켜고, 마지막으로 한 구간의 오류 비율을 정해진 값으로 만들어 봅니다. 채점은 검사가 직접 보낸 트래픽에 대해 사이드카가 남긴 메트릭와 로그로 합니다.',
    en: 'Someone hid a fault somewhere in the mesh. Read nothing but the proxies’ istio_requests_total and find which calls fail, and with which code. Then turn on access logs with a Telemetry resource for the one workload that sees the fault, and last, give one edge an error share the check asks for. Grading reads the metrics and logs the sidecars keep for traffic the checks send themselves.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'bookinfo',
  // The demo profile logs every request; without meshConfig.accessLogFile a sidecar logs only what a Telemetry
  // resource asks for, as on istio.io's default profile.
  setup: ['istioctl install --set profile=demo --set meshConfig.accessLogFile= -y', HIDDEN_FAULT],
  editable: ['telemetry.yaml', 'details-fault.yaml'],
  main: 'telemetry.yaml',
  apply: ['telemetry.yaml', 'details-fault.yaml'],
  steps: [
    { id: 'find-the-fault', minutes: 9 },
    { id: 'log-one-workload', minutes: 10 },
    { id: 'break-it', minutes: 7 },
  ],
});
