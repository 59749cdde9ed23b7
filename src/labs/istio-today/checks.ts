import { both } from '../grader/text';
import { defineChecks, type CheckContext, type CheckOutcome } from '../schema';
import {
  gatewayAddress,
  gatewaysOnPort,
  HOST,
  istioClassAccepted,
  PORT,
  statusThroughGateway,
} from './gateway-traffic';

/** Sends `path` through the gateway and passes when the answer is `want`; says what came back either way. */
async function answers(ctx: CheckContext, path: string, want: number, host: string = HOST): Promise<CheckOutcome> {
  const expected = both(`Host ${host}, ${path} → ${want}`, `Host ${host}, ${path} → ${want}`);
  const address = await gatewayAddress(ctx);
  if (address === undefined) {
    return {
      pass: false,
      expected,
      seen: both(
        `${PORT} 포트로 듣는 istio 클래스의 Gateway가 준비(Programmed)되지 않았습니다`,
        `no Gateway of class istio listening on port ${PORT} is Programmed`,
      ),
    };
  }
  const { status } = await statusThroughGateway(ctx, address, path, host);
  const seen = status === 0 ? both('응답 없음', 'no answer') : both(`→ ${status}`, `→ ${status}`);
  return { pass: status === want, expected, seen };
}

// Graded by what istiod did and by requests through the gateway, never by the YAML's text: any Gateway name,
// one route or several, PathPrefix or Exact matches that open these paths and only these pass.
export default defineChecks([
  {
    id: 'istio-gateway-class',
    step: 'gateway-api-crds',
    title: both(
      'Gateway API의 CRD가 설치되어 istiod가 istio GatewayClass를 받아들였다',
      'the Gateway API’s CRDs are installed and istiod has accepted the istio GatewayClass',
    ),
    hint: both(
      '단계의 kubectl kustomize … | kubectl apply -f - 명령을 실습 터미널에서 실행한 뒤 kubectl get gatewayclass로 istio가 ACCEPTED True인지 보십시오. 이 단계는 여러분의 클러스터를 채점합니다.',
      'Run the step’s kubectl kustomize … | kubectl apply -f - in the lab terminal, then see istio ACCEPTED True in kubectl get gatewayclass. This step grades your own cluster.',
    ),
    run: async (ctx) => {
      // istiod answers new CRDs on its next watch event: give it a few seconds of virtual time, as kubectl would.
      const accepted = await ctx.sim(async (cluster) => {
        for (let second = 0; second < 10 && !istioClassAccepted(cluster); second++) await cluster.clock.sleep(1000);
        return istioClassAccepted(cluster);
      });
      return {
        pass: accepted,
        expected: both('GatewayClass istio: ACCEPTED True', 'GatewayClass istio: ACCEPTED True'),
        seen: accepted
          ? both('GatewayClass istio: ACCEPTED True', 'GatewayClass istio: ACCEPTED True')
          : both(
              'istio GatewayClass가 없습니다(Gateway API CRD가 없으면 istiod가 만들지 않습니다)',
              'no istio GatewayClass (istiod makes none while the Gateway API CRDs are missing)',
            ),
      };
    },
  },
  {
    id: 'gateway-programmed',
    step: 'gateway-and-route',
    title: both(
      `${PORT} 포트로 듣는 Gateway를 istiod가 띄우고 주소를 받았다`,
      `istiod has deployed a Gateway listening on port ${PORT}, and it has an address`,
    ),
    hint: both(
      `gateway.yaml에 gatewayClassName: istio인 Gateway를 쓰고, 리스너를 port: ${PORT}, protocol: HTTP, hostname: ${HOST}로 두십시오. kubectl get gtw의 PROGRAMMED가 True가 되어야 합니다.`,
      `Write a Gateway with gatewayClassName: istio in gateway.yaml, its listener port: ${PORT}, protocol: HTTP, hostname: ${HOST}. kubectl get gtw should show PROGRAMMED True.`,
    ),
    run: async (ctx) => {
      const address = await gatewayAddress(ctx);
      const gateways = gatewaysOnPort(await ctx.cluster());
      const listed = gateways.map((g) => `${g.name} (Programmed ${g.programmed})`).join(', ');
      return {
        pass: address !== undefined,
        expected: both(`PROGRAMMED True, ${PORT} 포트`, `PROGRAMMED True, port ${PORT}`),
        seen:
          address !== undefined
            ? both(`주소 ${address}`, `address ${address}`)
            : both(`${PORT} 포트의 Gateway: ${listed || '없음'}`, `Gateways on port ${PORT}: ${listed || 'none'}`),
      };
    },
  },
  {
    id: 'headers-open',
    step: 'gateway-and-route',
    title: both(`${HOST}:${PORT}의 /headers가 httpbin에 닿는다`, `${HOST}:${PORT}/headers reaches httpbin`),
    hint: both(
      `HTTPRoute의 parentRefs로 Gateway를 가리키고, hostnames에 ${HOST}, 경로 /headers를 httpbin 서비스의 8000 포트로 보내십시오.`,
      `Point an HTTPRoute at the Gateway with parentRefs, set hostnames to ${HOST}, and send the path /headers to the httpbin service on port 8000.`,
    ),
    run: (ctx) => answers(ctx, '/headers', 200),
  },
  {
    id: 'status-open',
    step: 'gateway-and-route',
    title: both('/status/418도 httpbin에 닿는다', '/status/418 reaches httpbin too'),
    hint: both(
      'PathPrefix /status도 같은 라우트에 더하십시오. httpbin은 /status/418에 418로 답합니다.',
      'Add a PathPrefix match for /status to the route as well; httpbin answers /status/418 with 418.',
    ),
    run: (ctx) => answers(ctx, '/status/418', 418),
  },
  {
    id: 'other-paths-closed',
    step: 'gateway-and-route',
    title: both('다른 경로(/get)는 열리지 않는다: 404', 'other paths (/get) stay closed: 404'),
    hint: both(
      '경로를 하나도 적지 않은 규칙은 모든 경로를 엽니다. /status와 /headers만 match에 두십시오.',
      'A rule with no path match opens every path. Match only /status and /headers.',
    ),
    run: (ctx) => answers(ctx, '/get', 404),
  },
  {
    id: 'other-hosts-closed',
    step: 'gateway-and-route',
    title: both('다른 호스트 이름으로는 열리지 않는다: 404', 'another host name does not get in: 404'),
    hint: both(
      `리스너의 hostname과 HTTPRoute의 hostnames를 ${HOST}로 제한하십시오.`,
      `Limit the listener’s hostname and the HTTPRoute’s hostnames to ${HOST}.`,
    ),
    run: (ctx) => answers(ctx, '/headers', 404, 'other.today.example'),
  },
]);
