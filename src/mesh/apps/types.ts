import type { NetHost } from '../net';
import type { Clock, Random } from '../sim';

/** The pod a container runs in, as the downward API would show it. */
export interface PodInfo {
  name: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  serviceAccount: string;
  ip: string;
}

/** Everything a container's process can reach: its pod's network, time, randomness, env and stdout. */
export interface WorkloadContext {
  /** The pod's network endpoint; outbound connects go through the sidecar when capture is set. */
  host: NetHost;
  clock: Clock;
  random: Random;
  pod: PodInfo;
  /** The container's environment (`HOSTNAME` defaults to the pod name, as in Kubernetes). */
  env: Readonly<Record<string, string>>;
  /** Container `command` and `args` from the pod spec, when given (e.g. go-httpbin's `-port 8000`). */
  command?: readonly string[];
  args?: readonly string[];
  /** One line of container output, as `kubectl logs` shows it. */
  log(line: string): void;
  /** A file of the container's ConfigMap and Secret volumes (nginx's mounted config and certificates). */
  readFile?: (path: string) => string | undefined;
  /** Wall-clock milliseconds since the Unix epoch for Date headers and log stamps (default: a fixed epoch + clock). */
  wallClockMs?: () => number;
  /** The process ended with this exit code: the kubelet restarts the container (CrashLoopBackOff). */
  exit?: (code: number) => void;
  /** Programs of other layers an image runs, lent by the composition root because apps may not import them. */
  programs?: LentPrograms;
}

/** What the composition root lends to images. */
export interface LentPrograms {
  /** Envoy (src/mesh/envoy) started with these arguments; it reports its own exit through `exit`. */
  envoy(args: readonly string[]): { stop(): void };
}

export interface ExecOptions {
  /** `kubectl exec -t`: tools that format differently on a terminal (fortio's logs) do so. */
  tty?: boolean;
  /** Ctrl-C: the command stops and reports what it has. */
  signal?: AbortSignal;
}

/** What a command run with `kubectl exec` printed and how it exited. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order they were written, as a terminal shows them. */
  combined: string;
  exitCode: number;
}

/** A container's main process. */
export interface Workload {
  /** The image reference it was created from, as written in the pod spec. */
  readonly image: string;
  /** Ports the process listens on once started. */
  readonly ports: readonly number[];
  /** Starts serving (listens on its ports). Idempotent. */
  start(): void;
  /** Stops serving and abandons work in flight. Idempotent. */
  stop(): void;
  /**
   * Runs `argv` inside the container, as `kubectl exec <pod> -c <container> -- argv…` would.
   * Returns undefined when this image has no such program of its own (the CLI may provide e.g. `curl`;
   * see `binaries` in the image catalog).
   */
  exec?(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> | undefined;
}

/** Which of our simulated programs an image runs. */
export interface ImageSpec {
  /** Canonical repository without tag, e.g. `docker.io/istio/examples-bookinfo-reviews-v2`. */
  repository: string;
  /** The sample or product it belongs to (`bookinfo`, `kiali`, …): how a refused pull names what we simulate. */
  family: string;
  /** Starts what the image runs (the pod's main container process). */
  run(image: string, context: WorkloadContext): Workload;
  /** Ports the main process listens on by default. */
  ports: readonly number[];
  /** Programs present in the image that `kubectl exec` may run (some are provided by the CLI, e.g. curl). */
  binaries: readonly string[];
  description: string;
}
