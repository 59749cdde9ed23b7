/**
 * What the terminal says when a learner reaches for something this lab does not have (a program such as helm or
 * vi, a kubectl verb that needs a local port, `kubectl edit` without an editor): what to do instead, in the learner's language. The
 * language comes from LANG, as a program's messages would (`ko_KR.UTF-8` → Korean; anything else → English).
 */
import type { CommandIo, CommandRun } from './io';

export type AdviceLocale = 'ko' | 'en';

export type Advice = Readonly<Record<AdviceLocale, string>>;

export function adviceLocale(env: Readonly<Record<string, string>>): AdviceLocale {
  const lang = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return lang.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Writes `advice` in the learner's language as one or more lines on stderr. */
export function writeAdvice(io: CommandIo, advice: Advice): void {
  const text = advice[adviceLocale(io.env)];
  io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

const EDIT_WITH_FILE = {
  en: 'edit a file in the lab editor, or save the object with `kubectl get TYPE NAME -o yaml > f.yaml`, edit f.yaml, then `kubectl apply -f f.yaml`',
  ko: '실습 편집기에서 파일을 고치거나, `kubectl get TYPE NAME -o yaml > f.yaml`로 객체를 저장해 f.yaml을 고친 다음 `kubectl apply -f f.yaml`을 실행하십시오',
};

/** Programs a learner's laptop often has and this terminal does not, each answered with what to use instead. */
const MISSING_PROGRAMS: Readonly<Record<string, Advice>> = {
  helm: {
    en: 'helm: not available in this terminal. Istio is installed here with `istioctl install`; apply manifests with `kubectl apply -f`.',
    ko: 'helm: 이 터미널에는 없습니다. 여기서는 Istio를 `istioctl install`로 설치하고, 매니페스트는 `kubectl apply -f`로 적용합니다.',
  },
  watch: {
    en: 'watch: not available in this terminal. Use `kubectl get … -w` to follow changes, or repeat a command in a loop: `for i in $(seq 10); do kubectl get pods; sleep 2; done`.',
    ko: 'watch: 이 터미널에는 없습니다. 변화를 따라가려면 `kubectl get … -w`를 쓰거나, 반복문으로 명령을 되풀이하십시오: `for i in $(seq 10); do kubectl get pods; sleep 2; done`.',
  },
  ...Object.fromEntries(
    ['python', 'python3'].map((name) => [
      name,
      {
        en: `${name}: not available in this terminal. The gen-jwt.py flow (minting tokens with other issuers, audiences or expiry) is not simulated; use the sample tokens, e.g. \`TOKEN=$(curl https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/demo.jwt -s)\`.`,
        ko: `${name}: 이 터미널에는 없습니다. gen-jwt.py로 토큰을 만드는 흐름(다른 발급자·대상·만료 시각)은 흉내 내지 않습니다. 샘플 토큰을 쓰십시오. 예: \`TOKEN=$(curl https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/demo.jwt -s)\`.`,
      },
    ]),
  ),
  ...Object.fromEntries(
    ['vi', 'vim', 'nano'].map((name) => [
      name,
      {
        en: `${name}: not available in this terminal. To change a file, ${EDIT_WITH_FILE.en}; or write it with \`cat <<'EOF' > f.yaml\` … \`EOF\`.`,
        ko: `${name}: 이 터미널에는 없습니다. 파일을 바꾸려면 ${EDIT_WITH_FILE.ko}. \`cat <<'EOF' > f.yaml\` … \`EOF\`로 파일을 쓸 수도 있습니다.`,
      },
    ]),
  ),
};

/** Each missing program as a command: the advice, and bash's status for a command that cannot run (127). */
export function missingPrograms(): Record<string, CommandRun> {
  return Object.fromEntries(
    Object.entries(MISSING_PROGRAMS).map(([name, advice]) => [
      name,
      async (_argv, io) => {
        writeAdvice(io, advice);
        return 127;
      },
    ]),
  );
}

/** A program the container's image has but this lab does not simulate (python in productpage, tcpdump, …). */
export function notSimulatedInPod(program: string): Advice {
  return {
    en: `${program}: this image has it, but this lab does not simulate it. Inside pods the lab runs the shell, curl and the image's small tools.`,
    ko: `${program}: 이 이미지에는 있지만 이 실습은 흉내 내지 않습니다. 파드 안에서는 셸, curl과 이미지의 작은 도구들이 실행됩니다.`,
  };
}

/** `openssl s_client`: TLS from the learner's terminal is another tool's job here. */
export const OPENSSL_S_CLIENT: Advice = {
  en: 's_client: not simulated in this terminal. To see the certificates a proxy presents, run `istioctl proxy-config secret POD -n NAMESPACE`; to test a TLS connection, use `curl -v --cacert CA.crt https://…`.',
  ko: 's_client: 이 터미널은 흉내 내지 않습니다. 프록시가 내보이는 인증서는 `istioctl proxy-config secret POD -n NAMESPACE`로 보고, TLS 연결은 `curl -v --cacert CA.crt https://…`로 시험하십시오.',
};

/**
 * busybox `nc -l`: a listener waits for a client, and this terminal runs one command at a time (no job control),
 * so nothing could connect to it while it waits: point at a server that is always there.
 */
export const NC_LISTEN: Advice = {
  en: 'nc: listening (-l) is not simulated: this terminal runs one command at a time, so no client could connect while nc waited. For a TCP server to talk to, deploy tcp-echo (`kubectl apply -f samples/tcp-echo/tcp-echo.yaml`) and run `nc tcp-echo 9000`.',
  ko: 'nc: 연결 대기(-l)는 흉내 내지 않습니다. 이 터미널은 한 번에 명령 하나만 실행하므로, nc가 기다리는 동안 접속할 클라이언트가 없습니다. 대화할 TCP 서버가 필요하면 tcp-echo를 배포하고(`kubectl apply -f samples/tcp-echo/tcp-echo.yaml`) `nc tcp-echo 9000`을 실행하십시오.',
};

/** kubectl verbs that need something this lab does not have, each with an `error:` line kubectl-style. */
export const KUBECTL_ADVICE = {
  /** `kubectl edit` where nothing can show the file (a piped script, no terminal). */
  edit: {
    en: `error: there is no editor in this terminal: ${EDIT_WITH_FILE.en}`,
    ko: `error: 이 터미널에는 편집기가 없습니다. ${EDIT_WITH_FILE.ko}`,
  },
  /** After kubectl's `error: unable to launch the editor "…"`: how to name one, or do without. */
  editorFailed: {
    en: `Set KUBE_EDITOR or EDITOR to an editor you have (for example \`KUBE_EDITOR=nano kubectl edit …\`), or ${EDIT_WITH_FILE.en}`,
    ko: `KUBE_EDITOR나 EDITOR에 설치된 편집기를 지정하십시오(예: \`KUBE_EDITOR=nano kubectl edit …\`). 아니면 ${EDIT_WITH_FILE.ko}`,
  },
  portForward: {
    en: "error: port-forward cannot open a port on your machine in this lab. Open the service in the lab page's browser tab, or call it from inside the cluster: `kubectl exec deploy/curl -- curl -s http://SERVICE.NAMESPACE:PORT/`",
    ko: 'error: 이 실습에서는 port-forward가 내 컴퓨터의 포트를 열 수 없습니다. 실습 페이지의 브라우저 탭에서 서비스를 열거나, 클러스터 안에서 호출하십시오: `kubectl exec deploy/curl -- curl -s http://SERVICE.NAMESPACE:PORT/`',
  },
  kustomize: {
    en: 'error: kustomize is not simulated in this lab beyond the Gateway API\'s CRDs (`kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0"`): apply other manifests themselves with `kubectl apply -f FILE` (or `-f DIR` for a folder of them)',
    ko: 'error: 이 실습은 Gateway API의 CRD(`kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0"`) 말고는 kustomize를 흉내 내지 않습니다. 다른 매니페스트는 `kubectl apply -f FILE`(폴더라면 `-f DIR`)로 직접 적용하십시오',
  },
} as const satisfies Record<string, Advice>;
