import type { Workload, WorkloadContext } from './types';

/** The base name of a program path: a container resolves `/usr/local/bin/envoy` as `envoy`. */
const programName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * Envoy's arguments as the image's entrypoint hands them over: its CMD is `envoy -c /etc/envoy/envoy.yaml`,
 * and flags given alone (`args: ["-c", "/etc/envoy/envoy.yaml"]`) run as `envoy <flags>`.
 */
function envoyArgs(context: WorkloadContext): readonly string[] {
  const argv = [...(context.command ?? []), ...(context.args ?? [])];
  if (argv.length === 0) return ['-c', '/etc/envoy/envoy.yaml'];
  return argv[0] !== undefined && programName(argv[0]) === 'envoy' ? argv.slice(1) : argv;
}

/**
 * The `envoyproxy/envoy` image: Envoy itself, run from a static bootstrap, outside Istio. The data plane lives in
 * src/mesh/envoy, which apps may not import; the composition root lends it as `programs.envoy`.
 */
export function createEnvoyImage(image: string, context: WorkloadContext): Workload {
  let running: { stop(): void } | undefined;
  return {
    image,
    ports: [],
    start() {
      if (running !== undefined) return;
      if (context.programs === undefined) throw new Error('the envoyproxy/envoy image needs the envoy program lent');
      running = context.programs.envoy(envoyArgs(context));
    },
    stop() {
      running?.stop();
      running = undefined;
    },
  };
}
