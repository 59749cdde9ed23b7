import { both } from '../grader/text';
import { defineChecks, type CheckContext } from '../schema';
import { bookinfoPods, describePods, meshed, unmeshed, type PodView } from './bookinfo-pods';

/** A rollout the learner just started may still be replacing pods: wait for `done`, as `kubectl get pods -w` would. */
const SETTLE_SECONDS = 90;

async function settledPods(ctx: CheckContext, done: (pods: PodView[]) => boolean): Promise<PodView[]> {
  return ctx.sim(async (cluster) => {
    for (let second = 0; second < SETTLE_SECONDS && !done(bookinfoPods(cluster)); second++) {
      await cluster.clock.sleep(1000);
    }
    return bookinfoPods(cluster);
  });
}

// A pod that opts itself out (step 3) is judged there; "Check all" grades this step on the finished cluster too.
const allMeshed = (pods: PodView[]): boolean =>
  pods.length === 6 && pods.some(meshed) && pods.every((pod) => pod.optedOut || meshed(pod));
const onlyRatingsOut = (pods: PodView[]): boolean =>
  pods.length === 6 && pods.every((pod) => (pod.app === 'ratings' ? unmeshed(pod) : meshed(pod)));

// Graded on the pods themselves and on istiod's connections, never on how the learner got there: a label and a
// restart, a redeploy, or deleting the pods all pass; any pod-level opt-out of ratings alone passes step 3.
export default defineChecks([
  {
    id: 'every-pod-meshed',
    step: 'inject',
    title: both(
      'Bookinfo 파드 여섯 개가 모두 2/2 Running이고 istiod에 연결되어 있다',
      'All six Bookinfo pods are 2/2 Running and connected to istiod',
    ),
    hint: both(
      '네임스페이스에 istio-injection=enabled 레이블을 붙이는 것만으로는 이미 있는 파드가 바뀌지 않습니다. 주입은 파드를 만들 때 일어나므로 kubectl rollout restart deployment로 파드를 새로 만드십시오. 이 단계는 여러분의 클러스터를 채점합니다.',
      'Labelling the namespace istio-injection=enabled changes no pod that already exists. Injection happens when a pod is created, so create the pods again with kubectl rollout restart deployment. This step grades your own cluster.',
    ),
    budgetMs: 150_000,
    run: async (ctx) => {
      const pods = await settledPods(ctx, allMeshed);
      return {
        pass: allMeshed(pods),
        expected: both(
          '파드 6개 모두 istio-proxy 포함 2/2 Running, istioctl proxy-status에 6개 모두 있음',
          'all 6 pods 2/2 Running with istio-proxy, all 6 listed by istioctl proxy-status',
        ),
        seen: describePods(pods),
      };
    },
  },
  {
    id: 'ratings-opted-out',
    step: 'opt-out',
    title: both(
      'ratings 파드만 사이드카 없이(1/1) 돌고, 나머지 다섯은 2/2로 메시에 있다',
      'Only the ratings pod runs without a sidecar (1/1); the other five stay in the mesh at 2/2',
    ),
    hint: both(
      '네임스페이스 레이블은 그대로 두고, ratings-v1.yaml의 파드 템플릿(spec.template.metadata.labels)에 sidecar.istio.io/inject: "false"를 더한 뒤 kubectl apply -f ratings-v1.yaml로 적용하십시오. 값은 따옴표로 감싼 문자열이어야 합니다.',
      'Leave the namespace label as it is. Add sidecar.istio.io/inject: "false" to the pod template of ratings-v1.yaml (spec.template.metadata.labels), then apply it with kubectl apply -f ratings-v1.yaml. The value must be a quoted string.',
    ),
    budgetMs: 150_000,
    run: async (ctx) => {
      const pods = await settledPods(ctx, onlyRatingsOut);
      return {
        pass: onlyRatingsOut(pods),
        expected: both(
          'ratings-v1 파드 1/1(istio-proxy 없음, proxy-status에 없음), 나머지 5개는 2/2이고 proxy-status에 있음',
          'the ratings-v1 pod 1/1 (no istio-proxy, not in proxy-status); the other 5 at 2/2 and listed',
        ),
        seen: describePods(pods),
      };
    },
  },
]);
