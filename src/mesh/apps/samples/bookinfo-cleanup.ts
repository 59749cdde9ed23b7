/**
 * `samples/bookinfo/platform/kube/cleanup.sh`, written for this course to do what Istio's script does: pick the
 * namespace (asking when NAMESPACE is unset, falling back to default when the one named does not exist), delete
 * every DestinationRule, VirtualService, Gateway and AuthorizationPolicy there, then the Gateway API routes and
 * gateways when those CRDs are installed, then the Bookinfo app, hiding only NotFound errors; and it waits 30 s
 * for the pods to go. The shell runs it with just-bash, whose stdin is never a terminal: so the question reads
 * its answer from stdin as the simulator's other prompts do (`istioctl install`), and an empty answer stands for
 * the Enter key, whose newline the terminal would echo.
 */
export const BOOKINFO_CLEANUP_SH = `#!/bin/bash
# Removes Bookinfo and the Istio config the tasks applied beside it, in one namespace.
SCRIPTDIR=$(dirname "$0")

if [[ -z \${NAMESPACE} ]]; then
  echo -n "namespace ? [default] "
  read -r NAMESPACE || echo
fi

# A namespace that does not exist means default.
if [[ -n \${NAMESPACE} ]]; then
  ns=$(kubectl get namespace "\${NAMESPACE}" -o name 2>/dev/null)
  if [[ -z \${ns} ]]; then
    echo "NAMESPACE \${NAMESPACE} not found."
    NAMESPACE=default
  fi
fi
if [[ -z \${NAMESPACE} ]]; then
  NAMESPACE=default
fi
echo "using NAMESPACE=\${NAMESPACE}"

# Istio's traffic and security objects, whatever the tasks named them.
for kind in destinationrules virtualservices gateways authorizationpolicies; do
  for object in $(kubectl get -n "\${NAMESPACE}" "\${kind}" -o name); do
    kubectl delete -n "\${NAMESPACE}" "\${object}"
  done
done

# The Gateway API's, only where its CRDs exist.
if kubectl get crd gateways.gateway.networking.k8s.io >/dev/null 2>&1; then
  for kind in httproutes gateways.gateway.networking.k8s.io; do
    for object in $(kubectl get -n "\${NAMESPACE}" "\${kind}" -o name); do
      kubectl delete -n "\${NAMESPACE}" "\${object}"
    done
  done
  kubectl delete -n "\${NAMESPACE}" -f "\${SCRIPTDIR}/bookinfo-versions.yaml" >/dev/null 2>&1
fi

echo "Application cleanup may take up to one minute"
deleted=$(kubectl delete -n "\${NAMESPACE}" -f "\${SCRIPTDIR}/bookinfo.yaml" 2>&1)
status=$?
# Objects already gone are no failure; anything else is, and ends the script with kubectl's status.
if [[ \${status} -ne 0 ]] && [[ -n $(echo "\${deleted}" | grep -v NotFound) ]]; then
  echo "\${deleted}"
  exit \${status}
fi
if [[ \${status} -eq 0 ]]; then
  echo "\${deleted}"
fi

sleep 30
echo "Application cleanup successful"
`;
