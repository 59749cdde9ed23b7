/** helloworld: a Service and one Deployment per version, picked out with `-l service=…` / `-l version=…`. */

const deployment = (version: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: helloworld-${version}
  labels:
    app: helloworld
    version: ${version}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: helloworld
      version: ${version}
  template:
    metadata:
      labels:
        app: helloworld
        version: ${version}
    spec:
      containers:
      - name: helloworld
        image: docker.io/istio/examples-helloworld-${version}:1.0
        resources:
          requests:
            cpu: "100m"
        imagePullPolicy: IfNotPresent
        ports:
        - containerPort: 5000
`;

export const HELLOWORLD_YAML = `# helloworld: answers GET /hello on port 5000 with its version and pod name.
apiVersion: v1
kind: Service
metadata:
  name: helloworld
  labels:
    app: helloworld
    service: helloworld
spec:
  ports:
  - port: 5000
    name: http
  selector:
    app: helloworld
---
${deployment('v1')}---
${deployment('v2')}`;
