import { SimNet, type HttpHandler, type NetHost } from '../../net';
import { SeededRandom, VirtualClock } from '../../sim';
import type { Workload, WorkloadContext } from '../types';
import { createWorkload } from '../workloads';

/**
 * For tests of the workloads themselves: pods wired directly on a SimNet, without sidecars or Services.
 * A Service name resolves straight to its one pod's address (no ClusterIP, no proxy in between).
 */
export class TestCluster {
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly net: SimNet;
  readonly logs = new Map<string, string[]>();
  private nextIp = 10;

  constructor(seed = 1) {
    this.random = new SeededRandom(seed);
    this.net = new SimNet({ clock: this.clock, random: this.random });
  }

  /** A pod's network endpoint with cluster DNS search domains. */
  host(ip = this.allocateIp()): NetHost {
    const host = this.net.host(ip);
    this.net.setSearchDomains(ip, ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
    return host;
  }

  /** Points `<service>.default.svc.cluster.local` at `ip`. */
  service(name: string, ip: string): void {
    this.net.setDnsRecord(`${name}.default.svc.cluster.local`, ip);
  }

  context(
    podName: string,
    options: Partial<Pick<WorkloadContext, 'env' | 'args' | 'command'>> & { ip?: string } = {},
  ): WorkloadContext {
    const host = this.host(options.ip);
    const lines: string[] = [];
    this.logs.set(podName, lines);
    return {
      host,
      clock: this.clock,
      random: this.random.fork(),
      pod: { name: podName, namespace: 'default', labels: {}, serviceAccount: 'default', ip: host.address },
      env: options.env ?? {},
      ...(options.args && { args: options.args }),
      ...(options.command && { command: options.command }),
      log: (line) => lines.push(line),
    };
  }

  /** Creates and starts the workload for `image` in a new pod, reachable as `service` when given. */
  deploy(
    image: string,
    podName: string,
    service?: string,
    options: Parameters<TestCluster['context']>[1] = {},
  ): { workload: Workload; ip: string } {
    const context = this.context(podName, options);
    const workload = createWorkload(image, context);
    if (workload === undefined) throw new Error(`unknown image ${image}`);
    workload.start();
    if (service !== undefined) this.service(service, context.host.address);
    return { workload, ip: context.host.address };
  }

  /** A hand-written server in its own pod, reachable as `service`. */
  serve(service: string, port: number, handler: HttpHandler): string {
    const host = this.host();
    host.listen(port, handler);
    this.service(service, host.address);
    return host.address;
  }

  run<T>(scenario: () => Promise<T>): Promise<T> {
    return this.clock.run(scenario);
  }

  private allocateIp(): string {
    return `10.244.0.${this.nextIp++}`;
  }
}
