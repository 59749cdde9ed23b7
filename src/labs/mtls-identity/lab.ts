import { defineLab } from '../schema';

export default defineLab({
  id: 'mtls-identity',
  lesson: '1.7',
  lessonSlug: 'part-1/citadel',
  title: { ko: '상호 TLS와 워크로드 ID', en: 'Mutual TLS and workload identity' },
  summary: {
    ko: 'invoices의 사이드카가 제시하는 인증서에서 SPIFFE ID와 유효 기간을 읽고, billing 네임스페이스에 STRICT 상호 TLS를 켠 뒤, 호출자 하나의 ID에만 invoices 호출을 허용합니다. 채점은 세 클라이언트에서 invoices를 실제로 호출한 결과(200, 403, 응답 없음)로 합니다. 마지막에는 인증 실패와 인가 실패를 구별하는 문제를 풉니다.',
    en: 'Read the SPIFFE ID and the validity in the certificate invoices’ sidecar serves, turn on STRICT mutual TLS for the billing namespace, then admit one caller’s identity to invoices. Grading has three clients really call invoices (200, 403, or no answer); a quiz on telling authentication failures from authorization failures ends the lab.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'istio',
  setup: [
    'kubectl apply -f workloads.yaml',
    'kubectl wait --for=condition=Ready pods --all -n billing --timeout=60s',
    'kubectl wait --for=condition=Ready pods --all -n jobs --timeout=60s',
  ],
  editable: ['peer-authentication.yaml', 'authorization-policy.yaml'],
  readOnly: ['workloads.yaml'],
  main: 'peer-authentication.yaml',
  apply: ['peer-authentication.yaml', 'authorization-policy.yaml'],
  steps: [
    { id: 'read-identity', minutes: 5 },
    { id: 'strict-namespace', minutes: 6 },
    { id: 'one-caller', minutes: 7 },
    { id: 'authn-or-authz', minutes: 4 },
  ],
});
