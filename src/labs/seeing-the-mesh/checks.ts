import { both } from '../grader/text';
import { defineChecks, type CheckContext } from '../schema';
import {
  addonReady,
  istiodLeft,
  istioRoutingObjects,
  loadBalancerServices,
  MIN_PAGES,
  pagesThroughGateway,
  reviewsCallsByVersion,
  REVIEWS_VERSIONS,
} from './mesh-stats';

/** An add-on's Deployment Ready within a minute of virtual time, as `kubectl rollout status` would wait. */
const addonCheck = (name: string) => async (ctx: CheckContext) => {
  const ready = await ctx.sim(async (cluster) => {
    for (let second = 0; second < 60 && !addonReady(cluster, name); second++) await cluster.clock.sleep(1000);
    return addonReady(cluster, name);
  });
  return {
    pass: ready,
    expected: both(`istio-system의 ${name} Deployment: 준비 완료`, `${name} Deployment in istio-system: ready`),
    seen: ready
      ? both(`${name}: 준비 완료`, `${name}: ready`)
      : both(`istio-system에 준비된 ${name}가 없습니다`, `no ready ${name} in istio-system`),
  };
};

// Graded on the learner's own cluster (its journal replayed) and on what the sidecars counted — the numbers the
// graph and Kiali draw — never on the commands' text: any loop, any client, any count of requests passes.
export default defineChecks([
  {
    id: 'prometheus-ready',
    step: 'install-addons',
    title: both('Prometheus가 istio-system에서 준비되었다', 'Prometheus is ready in istio-system'),
    hint: both(
      '`kubectl apply -f samples/addons`를 실습 터미널에서 실행하십시오. Kiali는 Prometheus가 모은 메트릭로 그래프를 그립니다.',
      'Run `kubectl apply -f samples/addons` in the lab terminal. Kiali draws its graph from the metrics Prometheus collects.',
    ),
    run: addonCheck('prometheus'),
  },
  {
    id: 'kiali-ready',
    step: 'install-addons',
    title: both('Kiali가 istio-system에서 준비되었다', 'Kiali is ready in istio-system'),
    hint: both(
      '`kubectl rollout status deployment/kiali -n istio-system`이 "successfully rolled out"을 출력할 때까지 기다리십시오.',
      'Wait until `kubectl rollout status deployment/kiali -n istio-system` prints "successfully rolled out".',
    ),
    run: addonCheck('kiali'),
  },
  {
    id: 'pages-through-gateway',
    step: 'generate-traffic',
    title: both(
      `인그레스 게이트웨이를 거친 productpage 요청이 ${MIN_PAGES}개 이상이다`,
      `at least ${MIN_PAGES} productpage requests came in through the ingress gateway`,
    ),
    hint: both(
      'NKS의 로드밸런서 주소는 IP가 아니라 호스트 이름입니다. `.status.loadBalancer.ingress[0].hostname`으로 GATEWAY_URL을 정한 뒤, 반복문으로 `http://$GATEWAY_URL/productpage`를 여러 번 요청하십시오.',
      'On NKS the load balancer’s address is a host name, not an IP. Set GATEWAY_URL from `.status.loadBalancer.ingress[0].hostname`, then request `http://$GATEWAY_URL/productpage` many times in a loop.',
    ),
    run: async (ctx) => {
      const pages = pagesThroughGateway(await ctx.cluster());
      return {
        pass: pages >= MIN_PAGES,
        expected: both(`게이트웨이 → productpage ${MIN_PAGES}개 이상`, `gateway → productpage: ${MIN_PAGES} or more`),
        seen: both(`게이트웨이 → productpage ${pages}개`, `gateway → productpage: ${pages}`),
      };
    },
  },
  {
    id: 'all-reviews-versions',
    step: 'generate-traffic',
    title: both(
      'productpage의 요청이 reviews v1, v2, v3 모두에 전달되었다',
      'productpage’s calls reached all three versions of reviews: v1, v2 and v3',
    ),
    hint: both(
      '라우팅 정책이 없으면 productpage의 사이드카가 reviews의 세 파드 모두에 요청을 나눕니다. 한 버전에만 전달되었다면 요청을 더 보내거나, reviews를 한 버전으로 묶는 VirtualService가 남아 있지 않은지 `kubectl get virtualservice`로 확인하십시오.',
      'With no routing policy, productpage’s sidecar spreads its calls over all three reviews pods. If only some versions were reached, send more requests, or check with `kubectl get virtualservice` that no VirtualService pins reviews to one version.',
    ),
    run: async (ctx) => {
      const calls = reviewsCallsByVersion(await ctx.cluster());
      const counts = REVIEWS_VERSIONS.map((v) => `${v} ${calls[v]}`).join(', ');
      return {
        pass: REVIEWS_VERSIONS.every((v) => calls[v] > 0),
        expected: both('v1, v2, v3 모두 1개 이상', 'v1, v2 and v3: one or more each'),
        seen: both(`productpage → reviews: ${counts}`, `productpage → reviews: ${counts}`),
      };
    },
  },
  {
    id: 'no-load-balancer',
    step: 'release-load-balancer',
    title: both(
      'LoadBalancer 타입 Service가 하나도 남지 않았다(NKS가 NCP 로드밸런서를 반납한다)',
      'no Service of type LoadBalancer is left (NKS gives the NCP load balancer back)',
    ),
    hint: both(
      '`kubectl delete service istio-ingressgateway -n istio-system`으로 게이트웨이의 Service를 먼저 지우십시오. 실제 NKS에서는 이때 클러스터가 NCP 로드밸런서를 삭제합니다.',
      'Delete the gateway’s Service first with `kubectl delete service istio-ingressgateway -n istio-system`. On a real NKS cluster, that is when the cluster deletes the NCP load balancer.',
    ),
    run: async (ctx) => {
      const left = loadBalancerServices(await ctx.cluster());
      return {
        pass: left.length === 0,
        expected: both('LoadBalancer Service 없음', 'no LoadBalancer Service'),
        seen: both(`남은 것: ${left.join(', ') || '없음'}`, `left: ${left.join(', ') || 'none'}`),
      };
    },
  },
  {
    id: 'no-routing-objects',
    step: 'release-load-balancer',
    title: both('Bookinfo의 Gateway와 VirtualService가 지워졌다', 'Bookinfo’s Gateway and VirtualService are deleted'),
    hint: both(
      '`kubectl delete -f samples/bookinfo/networking/bookinfo-gateway.yaml`로 적용했던 파일 그대로 지우십시오.',
      'Delete them with the file you applied: `kubectl delete -f samples/bookinfo/networking/bookinfo-gateway.yaml`.',
    ),
    run: async (ctx) => {
      const left = istioRoutingObjects(await ctx.cluster());
      return {
        pass: left.length === 0,
        expected: both('Gateway·VirtualService·DestinationRule 없음', 'no Gateway, VirtualService or DestinationRule'),
        seen: both(`남은 것: ${left.join(', ') || '없음'}`, `left: ${left.join(', ') || 'none'}`),
      };
    },
  },
  {
    id: 'istio-removed',
    step: 'remove-istio',
    title: both('istiod가 남아 있지 않다', 'no istiod is left'),
    hint: both(
      '`istioctl uninstall --purge -y`로 컨트롤 플레인을 지우십시오. `kubectl get pods -n istio-system`에 istiod가 없어야 합니다.',
      'Remove the control plane with `istioctl uninstall --purge -y`. `kubectl get pods -n istio-system` should list no istiod.',
    ),
    run: async (ctx) => {
      // Deleting a Deployment leaves its pods terminating for a moment: give them a few seconds, as kubectl would.
      const left = await ctx.sim(async (cluster) => {
        for (let second = 0; second < 30 && istiodLeft(cluster); second++) await cluster.clock.sleep(1000);
        return istiodLeft(cluster);
      });
      return {
        pass: !left,
        expected: both('istiod 없음', 'no istiod'),
        seen: left
          ? both('istiod 파드가 남아 있습니다', 'an istiod pod is still there')
          : both('istiod 없음', 'no istiod'),
      };
    },
  },
]);
