/** samples/bookinfo/platform/kube/bookinfo.yaml: the four Bookinfo services, their accounts and deployments. */

const BOOKINFO_TAG = '1.20.3';

function service(name: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels:
    app: ${name}
    service: ${name}
spec:
  ports:
  - port: 9080
    name: http
  selector:
    app: ${name}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: bookinfo-${name}
  labels:
    account: ${name}
---
`;
}

function deployment(
  app: string,
  version: string,
  extra: { env?: boolean; wlp?: boolean; tmp?: boolean; annotations?: boolean } = {},
): string {
  const annotations = extra.annotations
    ? `      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9080"
        prometheus.io/path: "/metrics"
`
    : '';
  const env = extra.env
    ? `        env:
        - name: LOG_DIR
          value: "/tmp/logs"
`
    : '';
  const mounts = extra.wlp
    ? `        volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: wlp-output
          mountPath: /opt/ibm/wlp/output
      volumes:
      - name: wlp-output
        emptyDir: {}
      - name: tmp
        emptyDir: {}
`
    : extra.tmp
      ? `        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
`
      : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}-${version}
  labels:
    app: ${app}
    version: ${version}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${app}
      version: ${version}
  template:
    metadata:
${annotations}      labels:
        app: ${app}
        version: ${version}
    spec:
      serviceAccountName: bookinfo-${app}
      containers:
      - name: ${app}
        image: docker.io/istio/examples-bookinfo-${app}-${version}:${BOOKINFO_TAG}
        imagePullPolicy: IfNotPresent
${env}        ports:
        - containerPort: 9080
${mounts}---
`;
}

const banner = (
  title: string,
): string => `##################################################################################################
# ${title}
##################################################################################################
`;

export const BOOKINFO_YAML = `# Bookinfo: four microservices that together render one book page.
#
#   kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
#
# Pick single objects by label:
#   -l service=reviews              the reviews Service
#   -l account=reviews              the reviews ServiceAccount
#   -l app=reviews,version=v3       the reviews-v3 Deployment

${banner('Details service')}${service('details')}${deployment('details', 'v1')}${banner('Ratings service')}${service('ratings')}${deployment('ratings', 'v1')}${banner('Reviews service')}${service('reviews')}${deployment('reviews', 'v1', { env: true, wlp: true })}${deployment('reviews', 'v2', { env: true, wlp: true })}${deployment('reviews', 'v3', { env: true, wlp: true })}${banner('Productpage services')}${service('productpage')}${deployment('productpage', 'v1', { tmp: true, annotations: true })}`;
