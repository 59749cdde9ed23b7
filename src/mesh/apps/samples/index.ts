import { ADDON_SAMPLES } from './addons';
import { BOOKINFO_CLEANUP_SH } from './bookinfo-cleanup';
import { BOOKINFO_GATEWAY_API, BOOKINFO_VERSIONS_YAML } from './bookinfo-gateway-api';
import { BOOKINFO_NETWORKING } from './bookinfo-networking';
import { BOOKINFO_YAML } from './bookinfo-platform';
import { CURL_YAML, FORTIO_DEPLOY_YAML, HTTPBIN_YAML, SLEEP_YAML } from './clients';
import { HTTPBIN_GATEWAY_API_YAML, HTTPBIN_GATEWAY_YAML } from './httpbin-gateways';
import { HELLOWORLD_YAML } from './helloworld';
import { DEMO_PROFILE_NO_GATEWAYS_YAML } from './install-profiles';
import { TCP_ECHO_SAMPLES } from './tcp-echo';

/**
 * Istio's sample manifests and scripts at the paths the istio.io tasks name (`kubectl apply -f samples/…`), written for
 * this course: the names, labels, ports, images and service accounts are the ones learners expect.
 */
export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  'samples/bookinfo/platform/kube/bookinfo.yaml': BOOKINFO_YAML,
  'samples/bookinfo/platform/kube/bookinfo-versions.yaml': BOOKINFO_VERSIONS_YAML,
  'samples/bookinfo/platform/kube/cleanup.sh': BOOKINFO_CLEANUP_SH,
  'samples/bookinfo/demo-profile-no-gateways.yaml': DEMO_PROFILE_NO_GATEWAYS_YAML,
  ...Object.fromEntries(
    Object.entries(BOOKINFO_GATEWAY_API).map(([name, yaml]) => [`samples/bookinfo/gateway-api/${name}`, yaml]),
  ),
  ...Object.fromEntries(
    Object.entries(BOOKINFO_NETWORKING).map(([name, yaml]) => [`samples/bookinfo/networking/${name}`, yaml]),
  ),
  'samples/httpbin/httpbin.yaml': HTTPBIN_YAML,
  'samples/httpbin/httpbin-gateway.yaml': HTTPBIN_GATEWAY_YAML,
  'samples/httpbin/gateway-api/httpbin-gateway.yaml': HTTPBIN_GATEWAY_API_YAML,
  'samples/httpbin/sample-client/fortio-deploy.yaml': FORTIO_DEPLOY_YAML,
  'samples/sleep/sleep.yaml': SLEEP_YAML,
  'samples/curl/curl.yaml': CURL_YAML,
  ...Object.fromEntries(Object.entries(TCP_ECHO_SAMPLES).map(([name, yaml]) => [`samples/tcp-echo/${name}`, yaml])),
  'samples/helloworld/helloworld.yaml': HELLOWORLD_YAML,
  ...Object.fromEntries(Object.entries(ADDON_SAMPLES).map(([name, yaml]) => [`samples/addons/${name}`, yaml])),
};
