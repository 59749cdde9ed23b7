import { both } from '../grader/text';
import { defineChecks, type Bilingual } from '../schema';
import { BOOKINFO_HOST, productpageFromOutside, type OutsideAnswer } from './outside-requests';

const TITLE = 'Simple Bookstore App';

const LB_NAME = both('(로드밸런서 이름)', '(the load balancer’s name)');
const NAMED = both(BOOKINFO_HOST, BOOKINFO_HOST);

function describe(answer: OutsideAnswer, host: Bilingual): Bilingual {
  if (answer.status === 0)
    return both(
      `Host ${host.ko}: 응답 없음(로드밸런서 주소가 없거나 연결되지 않음)`,
      `Host ${host.en}: no answer (no load balancer address, or no connection)`,
    );
  const title = answer.title === undefined ? '' : `, <title>${answer.title}</title>`;
  return both(`Host ${host.ko}: HTTP ${answer.status}${title}`, `Host ${host.en}: HTTP ${answer.status}${title}`);
}

const servesBookinfo = (answer: OutsideAnswer): boolean => answer.status === 200 && answer.title === TITLE;

// Graded by requests from the learner's laptop to the load balancer's host name, never by the YAML's text: any
// Gateway and VirtualService names, exact or prefix matches, one VirtualService or several pass.
export default defineChecks([
  {
    id: 'productpage-through-lb',
    step: 'open-gateway',
    title: both(
      '클러스터 밖에서 로드밸런서의 호스트 이름으로 /productpage를 열 수 있다',
      'From outside the cluster, /productpage opens through the load balancer’s host name',
    ),
    hint: both(
      '실습 터미널에서 samples/bookinfo/networking/bookinfo-gateway.yaml을 kubectl apply -f로 적용하십시오. Gateway가 없으면 인그레스 게이트웨이의 Envoy는 8080 포트를 듣지 않으므로, 로드밸런서를 거친 연결이 끊깁니다(curl: (56)). 이 단계는 여러분의 클러스터를 채점합니다.',
      'Apply samples/bookinfo/networking/bookinfo-gateway.yaml with kubectl apply -f in the lab terminal. Without a Gateway the ingress gateway’s Envoy does not listen on port 8080, so connections through the load balancer are reset (curl: (56)). This step grades your own cluster.',
    ),
    run: async (ctx) => {
      const expected = both(`HTTP 200, <title>${TITLE}</title>`, `HTTP 200, <title>${TITLE}</title>`);
      const plain = await productpageFromOutside(ctx);
      if (servesBookinfo(plain)) return { pass: true, expected, seen: describe(plain, LB_NAME) };
      // Step 3 narrows Bookinfo to one host on purpose; "Check all" grades this step on that cluster too.
      const named = await productpageFromOutside(ctx, BOOKINFO_HOST);
      const [a, b] = [describe(plain, LB_NAME), describe(named, NAMED)];
      return { pass: servesBookinfo(named), expected, seen: both(`${a.ko}; ${b.ko}`, `${a.en}; ${b.en}`) };
    },
  },
  {
    id: 'named-host-served',
    step: 'host-only',
    title: both(
      `Host: ${BOOKINFO_HOST}로 보낸 요청은 productpage를 받는다`,
      `A request with Host: ${BOOKINFO_HOST} gets productpage`,
    ),
    hint: both(
      `게이트웨이는 Gateway의 servers[].hosts와 VirtualService의 hosts가 모두 받아들이는 호스트만 라우팅합니다. 두 곳의 ${BOOKINFO_HOST} 철자를 확인하십시오(와일드카드 *도 이 호스트를 받아들입니다).`,
      `The gateway routes a host only where both the Gateway’s servers[].hosts and the VirtualService’s hosts accept it. Check how ${BOOKINFO_HOST} is spelt in both (a wildcard * accepts it too).`,
    ),
    run: async (ctx) => {
      const answer = await productpageFromOutside(ctx, BOOKINFO_HOST);
      return {
        pass: servesBookinfo(answer),
        expected: both(`Host ${BOOKINFO_HOST}: HTTP 200`, `Host ${BOOKINFO_HOST}: HTTP 200`),
        seen: describe(answer, NAMED),
      };
    },
  },
  {
    id: 'other-hosts-refused',
    step: 'host-only',
    title: both(
      '로드밸런서 이름 그대로 보낸 요청은 404를 받는다',
      'A request sent with the load balancer’s own name gets 404',
    ),
    hint: both(
      `Gateway와 VirtualService에 모두 와일드카드 *가 남아 있으면 어떤 호스트로 와도 Bookinfo를 내줍니다. * 대신 ${BOOKINFO_HOST}를 적고, 같은 이름(bookinfo-gateway, bookinfo)을 써서 샘플이 만든 객체를 대신하십시오.`,
      `While the wildcard * remains in both the Gateway and the VirtualService, any host gets Bookinfo. Name ${BOOKINFO_HOST} instead of *, and keep the names (bookinfo-gateway, bookinfo) so your file replaces the objects the sample made.`,
    ),
    run: async (ctx) => {
      const answer = await productpageFromOutside(ctx);
      return { pass: answer.status === 404, expected: both('HTTP 404', 'HTTP 404'), seen: describe(answer, LB_NAME) };
    },
  },
]);
