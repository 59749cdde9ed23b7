import { both, same } from '../grader/text';
import { defineChecks, type CheckContext, type CheckOutcome } from '../schema';
import { availableReplicas, gatewayHostname, gatewayService, LAYER_TYPE } from './control-plane';

/** istiod's Deployment has a Ready replica: the control plane answers. */
async function istiodReady(ctx: CheckContext): Promise<CheckOutcome> {
  const ready = availableReplicas(await ctx.cluster(), 'istiod');
  return {
    pass: ready !== undefined && ready > 0,
    expected: both('istio-system의 istiod Deployment READY 1/1 이상', 'istiod in istio-system READY 1/1 or more'),
    seen:
      ready === undefined
        ? both('istio-system에 istiod Deployment가 없음', 'no istiod Deployment in istio-system')
        : same(`istiod READY ${ready}`),
  };
}

/** The ingress gateway's Service is of type LoadBalancer and NKS gave it a host name. */
async function gatewayHasAddress(ctx: CheckContext): Promise<CheckOutcome> {
  const service = gatewayService(await ctx.cluster());
  const hostname = await gatewayHostname(ctx);
  const expected = both(
    'istio-ingressgateway: TYPE LoadBalancer, EXTERNAL-IP에 …kr.lb.naverncp.com',
    'istio-ingressgateway: TYPE LoadBalancer, EXTERNAL-IP …kr.lb.naverncp.com',
  );
  if (service === undefined)
    return {
      pass: false,
      expected,
      seen: both('istio-ingressgateway Service가 없음', 'no istio-ingressgateway Service'),
    };
  const type = service.spec?.type ?? 'ClusterIP';
  const pass = type === 'LoadBalancer' && hostname !== undefined;
  return { pass, expected, seen: same(`TYPE ${type}, EXTERNAL-IP ${hostname ?? '<pending>'}`) };
}

// Graded on what is in the cluster after the learner's commands — Deployments, Services and the load balancer
// NKS attached — never on the YAML's text: any IstioOperator that gets the annotation onto the gateway passes.
export default defineChecks([
  {
    id: 'istiod-ready',
    step: 'install-demo',
    title: both('istiod가 Ready다', 'istiod is Ready'),
    hint: both(
      '터미널에서 istioctl install --set profile=demo -y를 실행하십시오. 이 단계는 여러분의 클러스터를 채점합니다.',
      'Run istioctl install --set profile=demo -y in the terminal. This step grades your own cluster.',
    ),
    run: istiodReady,
  },
  {
    id: 'demo-gateways',
    step: 'install-demo',
    title: both(
      'demo 프로필의 두 게이트웨이가 있고, 인그레스 게이트웨이가 로드밸런서 호스트 이름을 받았다',
      'both gateways of the demo profile are there, and the ingress gateway got a load balancer host name',
    ),
    hint: both(
      'default 프로필에는 이그레스 게이트웨이가 없습니다. --set profile=demo로 설치했는지 보고, kubectl get svc -n istio-system에서 EXTERNAL-IP가 <pending>에서 호스트 이름으로 바뀌기를 기다리십시오.',
      'The default profile has no egress gateway. Check that you installed with --set profile=demo, and wait for EXTERNAL-IP in kubectl get svc -n istio-system to turn from <pending> into a host name.',
    ),
    run: async (ctx) => {
      const egress = availableReplicas(await ctx.cluster(), 'istio-egressgateway');
      const address = await gatewayHasAddress(ctx);
      if (egress === undefined)
        return {
          pass: false,
          expected: both(
            'istio-egressgateway Deployment가 있음(demo 프로필)',
            'an istio-egressgateway Deployment (demo profile)',
          ),
          seen: both('이그레스 게이트웨이가 없음', 'no egress gateway'),
        };
      return address;
    },
  },
  {
    id: 'gateway-nplb',
    step: 'nplb-gateway',
    title: both(
      '인그레스 게이트웨이 Service에 ncloud-load-balancer-layer-type: nplb 어노테이션이 있다',
      'the ingress gateway Service carries ncloud-load-balancer-layer-type: nplb',
    ),
    hint: both(
      'nks-operator.yaml의 인그레스 게이트웨이 아래 k8s.serviceAnnotations에 어노테이션을 넣고, istioctl uninstall --purge -y 뒤에 istioctl install -f nks-operator.yaml -y로 다시 설치하십시오. kubectl annotate로 나중에 붙이면 이미 만들어진 로드밸런서의 유형은 바뀌지 않습니다.',
      'Put the annotation under k8s.serviceAnnotations of the ingress gateway in nks-operator.yaml, then reinstall: istioctl uninstall --purge -y, then istioctl install -f nks-operator.yaml -y. Annotating afterwards with kubectl annotate does not change the type of a load balancer that already exists.',
    ),
    run: async (ctx) => {
      const value = gatewayService(await ctx.cluster())?.metadata.annotations?.[LAYER_TYPE];
      return {
        pass: value === 'nplb',
        expected: same(`${LAYER_TYPE}: nplb`),
        seen: value === undefined ? both('어노테이션 없음', 'no such annotation') : same(`${LAYER_TYPE}: ${value}`),
      };
    },
  },
  {
    id: 'nplb-address',
    step: 'nplb-gateway',
    title: both(
      '다시 설치한 게이트웨이가 로드밸런서 호스트 이름을 받았다',
      'the reinstalled gateway got a load balancer host name',
    ),
    hint: both(
      'istioctl install이 오류 없이 끝났는지, kubectl get svc -n istio-system에서 EXTERNAL-IP가 채워졌는지 보십시오. kubectl get events -n istio-system은 NKS가 로드밸런서를 거절한 이유(잘못된 어노테이션 값)를 보여 줍니다.',
      'Check that istioctl install ended without an error, and that EXTERNAL-IP in kubectl get svc -n istio-system filled in. kubectl get events -n istio-system shows why NKS refused a load balancer (a wrong annotation value).',
    ),
    run: gatewayHasAddress,
  },
  {
    id: 'control-plane-back',
    step: 'nplb-gateway',
    title: both('다시 설치한 뒤에도 istiod가 Ready다', 'istiod is Ready again after the reinstall'),
    hint: both(
      'uninstall --purge 뒤에는 install -f nks-operator.yaml -y를 꼭 실행하십시오. 파일의 profile이 demo인지도 보십시오.',
      'After uninstall --purge, be sure to run install -f nks-operator.yaml -y. Check that the file’s profile is demo, too.',
    ),
    run: istiodReady,
  },
]);
