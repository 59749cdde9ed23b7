import { both, same } from '../grader/text';
import { defineChecks, type CheckOutcome } from '../schema';
import { bookinfoLeft, istioConfigIn, istiodInstalled, taskNamespacesLeft } from './leftovers';

const NONE = both('없음', 'none');

/** Passes when nothing is left; otherwise names what is, as kubectl would. */
function nothingLeft(left: readonly string[], expected: CheckOutcome['expected']): CheckOutcome {
  return { pass: left.length === 0, expected, seen: left.length === 0 ? NONE : same(left.join(', ')) };
}

// Graded on what the cluster holds after the learner's commands, never on which commands: istio.io's cleanup
// commands pass, and so does any other way to the same cluster (a script of one's own, `kubectl delete -f` of the
// leftovers file, deleting by kind).
export default defineChecks([
  {
    id: 'bookinfo-gone',
    step: 'bookinfo',
    title: both(
      'default에 Bookinfo의 Deployment와 Service가 남지 않았다',
      'no Bookinfo Deployment or Service is left in default',
    ),
    hint: both(
      'samples/bookinfo/platform/kube/cleanup.sh를 실행하십시오. 네임스페이스를 물으면 Enter를 눌러 default를 고릅니다. kubectl get deploy,svc로 확인하십시오.',
      'Run samples/bookinfo/platform/kube/cleanup.sh; when it asks for the namespace, press Enter for default. Check with kubectl get deploy,svc.',
    ),
    run: async (ctx) =>
      nothingLeft(
        bookinfoLeft(await ctx.cluster()),
        both('Bookinfo의 Deployment와 Service 없음', 'no Bookinfo Deployment or Service'),
      ),
  },
  {
    id: 'default-config-gone',
    step: 'bookinfo',
    title: both(
      'default에 Istio 설정 객체(VirtualService, DestinationRule, Gateway, AuthorizationPolicy …)가 남지 않았다',
      'no Istio config object (VirtualService, DestinationRule, Gateway, AuthorizationPolicy, …) is left in default',
    ),
    hint: both(
      'Bookinfo만 지우면 라우팅 규칙과 정책은 남습니다. cleanup.sh는 DestinationRule, VirtualService, Gateway, AuthorizationPolicy를 종류별로 지웁니다. kubectl get virtualservices,destinationrules,gateways,authorizationpolicies로 남은 것을 보십시오.',
      'Deleting Bookinfo alone leaves the routing rules and policies. cleanup.sh deletes DestinationRules, VirtualServices, Gateways and AuthorizationPolicies kind by kind. See what is left with kubectl get virtualservices,destinationrules,gateways,authorizationpolicies.',
    ),
    run: async (ctx) =>
      nothingLeft(
        istioConfigIn(await ctx.cluster(), 'default'),
        both('default에 Istio 설정 객체 없음', 'no Istio config object in default'),
      ),
  },
  {
    id: 'task-namespaces-gone',
    step: 'mesh-and-namespaces',
    title: both(
      'mTLS 과제의 네임스페이스 foo, bar, legacy가 없다',
      'the mTLS task’s namespaces foo, bar and legacy are gone',
    ),
    hint: both(
      '네임스페이스를 지우면 그 안의 워크로드와 정책도 함께 지워집니다. kubectl delete ns에 세 이름을 한 번에 줄 수 있습니다.',
      'Deleting a namespace deletes the workloads and policies in it too. kubectl delete ns takes all three names at once.',
    ),
    run: async (ctx) =>
      nothingLeft(taskNamespacesLeft(await ctx.cluster()), both('foo, bar, legacy 없음', 'no foo, bar or legacy')),
  },
  {
    id: 'mesh-config-gone',
    step: 'mesh-and-namespaces',
    title: both(
      'istio-system에 과제가 넣은 메시 전체 설정(PeerAuthentication, EnvoyFilter …)이 없고, Istio는 그대로 있다',
      'the mesh-wide config the tasks put in istio-system (PeerAuthentication, EnvoyFilter, …) is gone, and Istio stays',
    ),
    hint: both(
      '루트 네임스페이스 istio-system의 객체는 메시 전체에 적용됩니다. kubectl get peerauthentication,envoyfilter -n istio-system으로 찾아 지우십시오. Istio를 제거하는 것은 정리가 아닙니다.',
      'Objects in the root namespace istio-system apply to the whole mesh. Find them with kubectl get peerauthentication,envoyfilter -n istio-system and delete them. Uninstalling Istio is not cleaning up.',
    ),
    run: async (ctx) => {
      const cluster = await ctx.cluster();
      const expected = both(
        'istio-system에 Istio 설정 객체 없음, istiod Deployment 있음',
        'no Istio config object in istio-system, istiod Deployment present',
      );
      if (!istiodInstalled(cluster))
        return {
          pass: false,
          expected,
          seen: both('istiod가 없음: Istio가 제거됨', 'no istiod: Istio was uninstalled'),
        };
      return nothingLeft(istioConfigIn(cluster, 'istio-system'), expected);
    },
  },
]);
