import { parse } from 'yaml';
import { both, same } from '../grader/text';
import { defineChecks, type CheckContext, type CheckOutcome } from '../schema';

/** The last lines a command printed, enough to show the learner what the tool said. */
function said(stdout: string, stderr: string): string {
  const text = `${stdout}${stderr}`.trim();
  return text === '' ? '(no output)' : text.split('\n').slice(-3).join('\n');
}

/** Whether the learner's shell gets a token for the cluster, as kubectl's exec plugin would ask for one. */
async function tokenIssued(ctx: CheckContext): Promise<CheckOutcome> {
  const { uuid, region } = (await ctx.cluster()).info;
  const result = await (await ctx.shell()).run(`ncp-iam-authenticator token --clusterUuid ${uuid} --region ${region}`);
  const issued = result.exitCode === 0 && result.stdout.includes('"kind":"ExecCredential"');
  return {
    pass: issued,
    expected: both('ExecCredential(토큰)이 발급됨', 'an ExecCredential (a token) is issued'),
    seen: issued ? both('토큰 발급됨', 'token issued') : same(said(result.stdout, result.stderr)),
  };
}

/** The kubeconfig kubectl reads in the learner's shell: the first file of $KUBECONFIG, else ~/.kube/config. */
async function kubeconfigInUse(ctx: CheckContext): Promise<KubeconfigFile | undefined> {
  const result = await (await ctx.shell()).run('f=${KUBECONFIG:-$HOME/.kube/config}; cat "${f%%:*}"');
  if (result.exitCode !== 0) return undefined;
  try {
    return (parse(result.stdout) ?? undefined) as KubeconfigFile | undefined;
  } catch {
    return undefined;
  }
}

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name: string; context?: { user?: string } }[];
  users?: { name: string; user?: { exec?: { command?: string; args?: string[] } } }[];
}

/** The exec plugin the current context authenticates with, if any. */
function execOfCurrentContext(config: KubeconfigFile | undefined): { command?: string; args?: string[] } | undefined {
  const context = config?.contexts?.find((c) => c.name === config['current-context']);
  return config?.users?.find((u) => u.name === context?.context?.user)?.user?.exec;
}

// Graded in the learner's own terminal (a copy of it, replayed from what they did): what the tools answer there,
// never the text of a file. Keys from the environment or from ~/.ncloud/configure, a kubeconfig chosen with
// KUBECONFIG, --kubeconfig or update-kubeconfig: each passes when it works.
export default defineChecks([
  {
    id: 'token-issued',
    step: 'api-keys',
    title: both(
      'ncp-iam-authenticator가 여러분의 API 인증키로 클러스터 토큰을 발급한다',
      'ncp-iam-authenticator issues a cluster token with your API keys',
    ),
    hint: both(
      'api-keys.env의 세 값(NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY, NCLOUD_API_GW)을 모두 채우고 저장한 뒤 터미널에서 source api-keys.env를 실행하십시오. 셋 중 하나라도 비면 도구는 키가 없다고 봅니다.',
      'Fill in all three values of api-keys.env (NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY, NCLOUD_API_GW), save, and run source api-keys.env in the terminal. If any of the three is empty, the tool sees no key at all.',
    ),
    run: tokenIssued,
  },
  {
    id: 'kubectl-reaches-cluster',
    step: 'kubeconfig',
    title: both('터미널의 kubectl이 NKS 클러스터에 접속된다', 'kubectl in your terminal reaches the NKS cluster'),
    hint: both(
      'cluster-info.txt에서 UUID를 찾아 ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid <UUID>로 파일을 만들고, export KUBECONFIG=<그 파일의 절대 경로>로 kubectl이 그 파일을 읽게 하십시오. update-kubeconfig로 ~/.kube/config에 합쳐도 됩니다.',
      'Find the UUID in cluster-info.txt, make the file with ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid <UUID>, and point kubectl at it with export KUBECONFIG=<its absolute path>. Merging it into ~/.kube/config with update-kubeconfig works too.',
    ),
    run: async (ctx) => {
      const result = await (await ctx.shell()).run('kubectl get nodes -o name');
      const nodes = result.stdout.split('\n').filter((line) => line.startsWith('node/')).length;
      return {
        pass: result.exitCode === 0 && nodes > 0,
        expected: both('kubectl get nodes가 노드를 보여 줌', 'kubectl get nodes lists the nodes'),
        seen:
          result.exitCode === 0 ? both(`노드 ${nodes}개`, `${nodes} nodes`) : same(said(result.stdout, result.stderr)),
      };
    },
  },
  {
    id: 'kubeconfig-uses-iam',
    step: 'kubeconfig',
    title: both(
      'kubectl이 읽는 kubeconfig가 ncp-iam-authenticator로 이 클러스터의 토큰을 받는다',
      'the kubeconfig kubectl reads gets this cluster’s token from ncp-iam-authenticator',
    ),
    hint: both(
      '손으로 쓴 kubeconfig가 아니라 ncp-iam-authenticator가 만든 파일을 쓰십시오. 그 파일의 users[].user.exec가 ncp-iam-authenticator token --clusterUuid …를 실행합니다.',
      'Use the file ncp-iam-authenticator made rather than a hand-written kubeconfig: its users[].user.exec runs ncp-iam-authenticator token --clusterUuid ….',
    ),
    run: async (ctx) => {
      const { uuid } = (await ctx.cluster()).info;
      const exec = execOfCurrentContext(await kubeconfigInUse(ctx));
      const args = exec?.args ?? [];
      const at = args.indexOf('--clusterUuid');
      const forCluster = at >= 0 && args[at + 1] === uuid;
      const pass = exec?.command === 'ncp-iam-authenticator' && args[0] === 'token' && forCluster;
      return {
        pass,
        expected: same(`exec: ncp-iam-authenticator token --clusterUuid ${uuid} …`),
        seen:
          exec === undefined
            ? both('현재 컨텍스트의 사용자에 exec 설정이 없음', 'the current context’s user has no exec plugin')
            : same(`exec: ${exec.command ?? ''} ${args.join(' ')}`),
      };
    },
  },
]);
