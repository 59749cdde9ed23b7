/** httpbin, its fortio client, and the sleep / curl pods the security and traffic tasks exec into. */

export const HTTPBIN_YAML = `# httpbin: an HTTP request & response service the tasks call as httpbin:8000.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: httpbin
---
apiVersion: v1
kind: Service
metadata:
  name: httpbin
  labels:
    app: httpbin
    service: httpbin
spec:
  ports:
  - name: http
    port: 8000
    targetPort: 8080
  selector:
    app: httpbin
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: httpbin
spec:
  replicas: 1
  selector:
    matchLabels:
      app: httpbin
      version: v1
  template:
    metadata:
      labels:
        app: httpbin
        version: v1
    spec:
      serviceAccountName: httpbin
      containers:
      - image: docker.io/mccutchen/go-httpbin:v2.15.0
        imagePullPolicy: IfNotPresent
        name: httpbin
        ports:
        - containerPort: 8080
`;

export const FORTIO_DEPLOY_YAML = `# fortio: the load-testing client of the circuit-breaking task.
apiVersion: v1
kind: Service
metadata:
  name: fortio
  labels:
    app: fortio
spec:
  ports:
  - port: 8080
    name: http
  selector:
    app: fortio
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: fortio-deploy
spec:
  replicas: 1
  selector:
    matchLabels:
      app: fortio
  template:
    metadata:
      annotations:
        # Keeps the sidecar's cluster.outbound statistics, which the circuit-breaking task reads.
        sidecar.istio.io/statsInclusionPrefixes: cluster.outbound,cluster_manager,listener_manager,server,cluster.xds-grpc
      labels:
        app: fortio
    spec:
      containers:
      - name: fortio
        image: fortio/fortio:latest_release
        imagePullPolicy: Always
        ports:
        - containerPort: 8080
          name: http-fortio
        - containerPort: 8079
          name: grpc-ping
`;

function sleeper(name: string, image: string): string {
  return `# ${name}: a pod that only sleeps, so \`kubectl exec deploy/${name} -- curl …\` can call services from it.
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels:
    app: ${name}
    service: ${name}
spec:
  ports:
  - port: 80
    name: http
  selector:
    app: ${name}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      terminationGracePeriodSeconds: 0
      serviceAccountName: ${name}
      containers:
      - name: ${name}
        image: ${image}
        command: ["/bin/sleep", "infinity"]
        imagePullPolicy: IfNotPresent
        volumeMounts:
        - mountPath: /etc/${name}/tls
          name: secret-volume
      volumes:
      - name: secret-volume
        secret:
          secretName: ${name}-secret
          optional: true
---
`;
}

export const SLEEP_YAML = sleeper('sleep', 'curlimages/curl:8.16.0');
export const CURL_YAML = sleeper('curl', 'curlimages/curl');
