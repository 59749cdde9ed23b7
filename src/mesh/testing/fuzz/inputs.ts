/**
 * What the fuzz run types: the commands istio.io's task pages show (and a learner mistypes), garbage, and
 * Istio YAML documents with a mutation or two. Everything comes from one seeded generator, so a failing
 * seed replays the same inputs.
 */

/** A small seeded generator (mulberry32): the fuzz inputs replay exactly from their seed. */
export class FuzzRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

const SAMPLES = [
  'samples/httpbin/httpbin.yaml',
  'samples/sleep/sleep.yaml',
  'samples/curl/curl.yaml',
  'samples/httpbin/sample-client/fortio-deploy.yaml',
  'samples/bookinfo/platform/kube/bookinfo.yaml',
  'samples/bookinfo/networking/bookinfo-gateway.yaml',
  'samples/bookinfo/networking/destination-rule-all.yaml',
  'samples/bookinfo/networking/destination-rule-all-mtls.yaml',
  'samples/bookinfo/networking/virtual-service-all-v1.yaml',
  'samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml',
  'samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml',
  'samples/bookinfo/networking/virtual-service-reviews-v3.yaml',
  'samples/bookinfo/networking/virtual-service-ratings-test-delay.yaml',
  'samples/bookinfo/networking/virtual-service-ratings-test-abort.yaml',
];

/** Lines as istio.io's traffic-management and security tasks show them (sample paths relative to the release). */
const PAGE_COMMANDS = [
  'kubectl label namespace default istio-injection=enabled',
  'kubectl label namespace default istio-injection-',
  ...SAMPLES.map((file) => `kubectl apply -f ${file}`),
  ...SAMPLES.map((file) => `kubectl delete -f ${file}`),
  'istioctl install --set profile=demo -y',
  'istioctl proxy-status',
  'istioctl analyze',
  'istioctl version',
  'istioctl proxy-config clusters deploy/sleep',
  'istioctl proxy-config routes deploy/productpage-v1 --name 9080 -o json',
  'istioctl proxy-config listeners deploy/httpbin',
  'istioctl proxy-config endpoints deploy/sleep --cluster "outbound|8000||httpbin.default.svc.cluster.local"',
  'istioctl proxy-config secret deploy/sleep',
  'istioctl dashboard kiali',
  'kubectl get pods',
  'kubectl get pods -A -o wide',
  'kubectl get pods -n istio-system',
  'kubectl get svc,deploy',
  'kubectl get all',
  'kubectl get events',
  'kubectl get nodes',
  'kubectl get virtualservices,destinationrules,gateways',
  'kubectl get virtualservice reviews -o yaml',
  'kubectl get deploy httpbin -o json',
  'kubectl describe pod -l app=httpbin',
  'kubectl describe deploy httpbin',
  'kubectl describe node',
  'kubectl logs deploy/httpbin',
  'kubectl logs -l app=productpage -c istio-proxy --tail 5',
  'kubectl exec deploy/sleep -- curl -sS http://httpbin:8000/get',
  'kubectl exec deploy/curl -c curl -- curl -s -o /dev/null -w "%{http_code}\\n" http://httpbin:8000/status/418',
  "kubectl exec deploy/sleep -c sleep -- sh -c 'for i in 1 2 3; do curl -s http://httpbin:8000/ip; done'",
  "export GATEWAY_URL=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')",
  'curl -s http://$GATEWAY_URL/productpage | grep -o "<title>.*</title>"',
  'for i in $(seq 1 10); do curl -s http://$GATEWAY_URL/productpage | grep -c glyphicon-star; done',
  'curl -s -c cookies.txt -d "username=jason&passwd=" -o /dev/null http://$GATEWAY_URL/login',
  "export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')",
  'kubectl exec "$FORTIO_POD" -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get',
  'kubectl exec "$FORTIO_POD" -c istio-proxy -- pilot-agent request GET stats | grep httpbin | grep pending',
  'kubectl scale deploy httpbin --replicas=3',
  'kubectl scale deploy/httpbin --replicas=0',
  'kubectl rollout restart deploy/httpbin',
  'kubectl rollout status deploy/httpbin',
  'kubectl wait --for=condition=available --timeout=60s deployment/httpbin',
  'kubectl delete pod --all',
  'kubectl delete pod -l app=httpbin',
  'kubectl create namespace foo',
  'kubectl apply -f samples/httpbin/httpbin.yaml -n foo',
  'kubectl delete ns foo',
  'kubectl patch deploy httpbin -p \'{"spec":{"replicas":2}}\'',
  'kubectl annotate deploy httpbin note=fuzz --overwrite',
  'sleep 5',
  'sleep 60',
  'kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\nEOF',
  'kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: allow-nothing\nspec: {}\nEOF',
  'kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: httpbin\nspec:\n  host: httpbin\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 1\n      http:\n        http1MaxPendingRequests: 1\n        maxRequestsPerConnection: 1\n    outlierDetection:\n      consecutive5xxErrors: 1\n      interval: 1s\n      baseEjectionTime: 3m\n      maxEjectionPercent: 100\nEOF',
];

const WORDS = [
  'kubectl',
  'istioctl',
  'curl',
  'get',
  'apply',
  'delete',
  'scale',
  'exec',
  'logs',
  'describe',
  'rollout',
  'wait',
  'patch',
  'label',
  'pods',
  'deploy',
  'svc',
  'ns',
  'vs',
  'dr',
  'httpbin',
  'sleep',
  'reviews',
  '-n',
  '-A',
  '--all',
  '-l',
  'app=httpbin',
  '-o',
  'yaml',
  'json',
  'jsonpath={.items[*].metadata.name}',
  '-f',
  '-',
  '--',
  '|',
  ';',
  '&&',
  '$(',
  ')',
  '"',
  "'",
  '\\',
  '{',
  '}',
  '*',
  '--replicas=',
  '--timeout=0s',
  '--grace-period=0',
  '--force',
  '-c',
  'istio-proxy',
  'http://httpbin:8000/',
  'http://$GATEWAY_URL/',
];

/**
 * Replica counts and other numbers a learner might type: small ones, and ones past the simulator's bounds
 * (refused at once). Counts that would start hundreds of sidecar pods are left to the bounds' own tests, so a
 * sequence stays a second or two of CPU.
 */
const NUMBERS = ['0', '1', '2', '3', '-1', '7', '1001', '99999', '1000000000', '1e9', '9'.repeat(25), 'NaN', ''];

/** Numbers for fortio's -c, -n, -qps, -t: small, so a load stays short (a runaway still meets the loop limit). */
const FORTIO_NUMBERS = ['0', '1', '2', '3', '5', '10', '-1', 'NaN', ''];

/** A line a learner might type: a page's command, one mistyped, or noise. */
export function fuzzCommand(random: FuzzRandom): string {
  const roll = random.next();
  if (roll < 0.55) return random.pick(PAGE_COMMANDS);
  if (roll < 0.8) return mutateCommand(random, random.pick(PAGE_COMMANDS));
  if (roll < 0.9)
    return `kubectl scale deploy ${random.pick(['httpbin', 'sleep', 'productpage-v1', 'nope'])} --replicas=${random.pick(NUMBERS)}`;
  return garbage(random);
}

function mutateCommand(random: FuzzRandom, line: string): string {
  const words = line.split(' ');
  const edits = 1 + random.int(3);
  for (let i = 0; i < edits; i++) {
    const at = random.int(words.length);
    switch (random.int(6)) {
      case 0:
        words.splice(at, 1);
        break;
      case 1:
        words.splice(at, 0, random.pick(WORDS));
        break;
      case 2:
        words[at] = random.pick(WORDS);
        break;
      case 3:
        words.splice(at, 0, words[at] ?? '');
        break;
      case 4:
        words[at] = (words[at] ?? '').replace(/\d+/, random.pick(line.includes('fortio') ? FORTIO_NUMBERS : NUMBERS));
        break;
      default:
        words[at] = (words[at] ?? '').slice(0, random.int((words[at] ?? '').length + 1));
    }
  }
  return words.join(' ');
}

function garbage(random: FuzzRandom): string {
  if (random.chance(0.5)) return Array.from({ length: 1 + random.int(8) }, () => random.pick(WORDS)).join(' ');
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 -_=./:${}()[]<>|&;\'"`\\*?~#!%^+,\t한글';
  return Array.from({ length: 1 + random.int(60) }, () => random.pick([...alphabet])).join('');
}

/** Values that break a field in interesting ways: wrong types, extremes, empty, injection-looking text. */
const HOSTILE_VALUES = [
  '0',
  '-1',
  '1000000000',
  '4294967296',
  '99999999999999999999999',
  '0.5',
  'null',
  '~',
  '""',
  '[]',
  '{}',
  'true',
  "'*'",
  '"$(rm -rf /)"',
  '"\\u0000"',
  '&anchor x',
  '*anchor',
  '1m',
  '-5s',
  '1000000000h',
  'v1',
  'reviews',
  '"a very long value ' + 'x'.repeat(300) + '"',
];

/** One mutation or a few of an Istio YAML document: lines dropped, doubled, re-indented, or values replaced. */
export function mutateYaml(random: FuzzRandom, text: string): string {
  const lines = text.split('\n');
  const edits = 1 + random.int(4);
  for (let i = 0; i < edits; i++) {
    const at = random.int(lines.length);
    const line = lines[at] ?? '';
    switch (random.int(8)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, line);
        break;
      case 2:
        lines[at] = (random.chance(0.5) ? '  ' : '') + line.replace(/^ {1,2}/, '');
        break;
      case 3:
      case 4:
      case 5:
        lines[at] = line.replace(/:\s.*$/, `: ${random.pick(HOSTILE_VALUES)}`);
        break;
      case 6:
        lines[at] = line.replace(
          /^(\s*)(- )?[\w.-]+:/,
          `$1$2${random.pick(['spec', 'name', 'host', 'subset', 'weight', 'x'])}:`,
        );
        break;
      default:
        lines[at] = line.slice(0, random.int(line.length + 1));
    }
  }
  return lines.join('\n');
}
