/** Shared by the kube tests only: a small cluster on a virtual clock, and manifests from the Istio docs. */
import { parseAllDocuments } from 'yaml';
import { SeededRandom, VirtualClock } from '../../sim';
import { createKube, type CreateKubeOptions, type Kube } from '../kube';
import type { VerbResult } from '../apply';
import { loadSchemaModels } from '../schema/validators';

// The API server's schemas, which createCluster loads itself: a store built here judges what it is given as the
// real server does (a Vitest setup used to load them before every test file, most of which never needed them).
await loadSchemaModels();

export function testCluster(options: Partial<CreateKubeOptions> & { seed?: number } = {}): {
  clock: VirtualClock;
  kube: Kube;
} {
  const clock = new VirtualClock();
  const { seed, ...rest } = options;
  const kube = createKube({ clock, random: new SeededRandom(seed ?? 7), systemWorkloads: false, ...rest });
  return { clock, kube };
}

/** What `kubectl apply -f -` hands the API: the documents of a YAML stream. */
export function docs(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown);
}

/** The kubectl line of each result (message or error). */
export function lines(results: readonly VerbResult[]): string[] {
  return results.map((r) => (r.ok ? r.message : r.error.message));
}

export const REVIEWS = `
apiVersion: v1
kind: Service
metadata:
  name: reviews
  labels:
    app: reviews
    service: reviews
spec:
  ports:
  - port: 9080
    name: http
  selector:
    app: reviews
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews-v1
  labels:
    app: reviews
    version: v1
spec:
  replicas: 1
  selector:
    matchLabels:
      app: reviews
      version: v1
  template:
    metadata:
      labels:
        app: reviews
        version: v1
    spec:
      containers:
      - name: reviews
        image: docker.io/istio/examples-bookinfo-reviews-v1:1.20.3
        imagePullPolicy: IfNotPresent
        ports:
        - containerPort: 9080
`;

export const REVIEWS_VS = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 50
    - destination:
        host: reviews
        subset: v3
      weight: 50
`;

export const REVIEWS_DR = `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v3
    labels:
      version: v3
`;
