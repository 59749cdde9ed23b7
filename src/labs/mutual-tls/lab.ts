import { defineLab } from '../schema';

export default defineLab({
  id: 'mutual-tls',
  lesson: '3.6',
  lessonSlug: 'part-3/mutual-tls',
  title: {
    ko: '상호 TLS로 옮겨 가기: 네임스페이스, 메시, 예외 하나',
    en: 'Migrating to mutual TLS: a namespace, the mesh, one exception',
  },
  summary: {
    ko: 'istio.io의 상호 TLS 마이그레이션 과제처럼 foo, bar, legacy를 만들되, bar에는 helloworld도 둡니다. STRICT를 bar에만, 다음에는 메시 전체에 켜고, 사이드카의 인바운드 리스너가 필터 체인으로 평문과 mTLS를 가르는 방식을 읽은 뒤, 사이드카 없는 클라이언트 하나가 httpbin.bar에만 다시 닿도록 예외를 만듭니다. 채점은 검사가 클라이언트마다 서버마다 직접 보낸 요청의 결과 표로 합니다.',
    en: 'Build istio.io’s mutual TLS migration setup (foo, bar, legacy), with helloworld in bar as well. Turn STRICT on for bar alone, then for the whole mesh, read how the sidecar’s inbound listener tells plaintext from mTLS with filter chains, and finally carve out one exception so the client without a sidecar reaches httpbin.bar again. Grading is the client × server table of calls the checks make themselves.',
  },
  kind: 'config',
  difficulty: 'intermediate',
  preset: 'istio',
  setup: [],
  // One file per step, each applied by its step: grading a step on a fresh cluster applies only the files of the
  // steps up to it, so a later step's exception cannot make an earlier step's table wrong.
  editable: ['strict-bar.yaml', 'strict-mesh.yaml', 'exception.yaml'],
  main: 'strict-bar.yaml',
  steps: [
    {
      id: 'deploy',
      minutes: 5,
      commands: [
        'kubectl create ns foo',
        'kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n foo',
        'kubectl apply -f <(istioctl kube-inject -f samples/curl/curl.yaml) -n foo',
        'kubectl create ns bar',
        'kubectl apply -f <(istioctl kube-inject -f samples/httpbin/httpbin.yaml) -n bar',
        'kubectl apply -f <(istioctl kube-inject -f samples/curl/curl.yaml) -n bar',
        'kubectl apply -f <(istioctl kube-inject -f samples/helloworld/helloworld.yaml) -n bar',
        'kubectl create ns legacy',
        'kubectl apply -f samples/curl/curl.yaml -n legacy',
      ],
    },
    { id: 'strict-bar', minutes: 6, commands: ['kubectl apply -f strict-bar.yaml'] },
    { id: 'mesh-wide', minutes: 5, commands: ['kubectl apply -f strict-mesh.yaml'] },
    { id: 'filter-chains', minutes: 5 },
    { id: 'break-it', minutes: 7, commands: ['kubectl apply -f exception.yaml'] },
  ],
});
