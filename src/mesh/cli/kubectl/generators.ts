/**
 * The objects kubectl's generators build from flags (`create deployment`, `run`, `expose`), shaped as kubectl
 * sends them, so that `-o yaml` and the API server see what a real kubectl would send.
 */

type Manifest = Record<string, unknown>;

/** kubectl names a container after its image: the last path part, without tag or digest. */
export function containerNameFor(image: string): string {
  const base = image.slice(image.lastIndexOf('/') + 1);
  return base.split(/[:@]/)[0]!.replace(/_/g, '-').toLowerCase();
}

export interface DeploymentRequest {
  name: string;
  namespace: string;
  image: string;
  replicas: number;
  port?: number;
  /** What follows `--`: the container's command. */
  command: readonly string[];
}

/** `kubectl create deployment NAME --image=…`: label `app: NAME` on the Deployment, its selector and its pods. */
export function deploymentManifest(request: DeploymentRequest): Manifest {
  const labels = { app: request.name };
  const container: Manifest = { name: containerNameFor(request.image), image: request.image, resources: {} };
  if (request.command.length > 0) container['command'] = [...request.command];
  if (request.port !== undefined) container['ports'] = [{ containerPort: request.port }];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: request.name, namespace: request.namespace, labels },
    spec: {
      replicas: request.replicas,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
  };
}

export interface PodRequest {
  name: string;
  namespace: string;
  image: string;
  /** `--restart`: Always (kubectl's default), OnFailure or Never. */
  restartPolicy: string;
  labels: Record<string, string>;
  env: readonly string[];
  port?: number;
  /** What follows `--`: args, or with `--command` the command itself. */
  argv: readonly string[];
  command: boolean;
  /** `-i`: the container keeps stdin open (attach). */
  stdin: boolean;
  tty: boolean;
}

/** `kubectl run NAME --image=…`: one pod labelled `run: NAME` (or `--labels`). */
export function podManifest(request: PodRequest): Manifest {
  const container: Manifest = { name: request.name, image: request.image, resources: {} };
  if (request.argv.length > 0) container[request.command ? 'command' : 'args'] = [...request.argv];
  if (request.env.length > 0) {
    container['env'] = request.env.map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: pair } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
  }
  if (request.port !== undefined) container['ports'] = [{ containerPort: request.port }];
  if (request.stdin) {
    container['stdin'] = true;
    container['stdinOnce'] = true;
  }
  if (request.tty) container['tty'] = true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: request.name, namespace: request.namespace, labels: request.labels },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: request.restartPolicy },
  };
}

export interface ServiceRequest {
  name: string;
  namespace: string;
  selector: Record<string, string>;
  labels: Record<string, string>;
  ports: readonly { port: number; targetPort: number | string; protocol: string }[];
  type?: string;
}

/** `kubectl expose`: a Service selecting what the exposed object selects; ports named only when several. */
export function serviceManifest(request: ServiceRequest): Manifest {
  const several = request.ports.length > 1;
  const spec: Manifest = {
    ports: request.ports.map((p, i) => ({
      ...(several && { name: `port-${i + 1}` }),
      port: p.port,
      protocol: p.protocol,
      targetPort: p.targetPort,
    })),
    selector: request.selector,
  };
  if (request.type !== undefined) spec['type'] = request.type;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: request.name,
      namespace: request.namespace,
      ...(Object.keys(request.labels).length > 0 && { labels: request.labels }),
    },
    spec,
  };
}
