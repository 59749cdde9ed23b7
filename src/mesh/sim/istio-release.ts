/**
 * The Istio release the whole simulated world runs, like the epoch its clocks count from: istioctl, istiod,
 * the gateways' and sidecars' proxyv2 images and the version every proxy reports read this one value, so
 * `istioctl version` never shows a client, control plane and data plane from different releases.
 * 1.30.4 is the newest patch of Istio 1.30 that istio.io announces (1.30.x releases, August 2026).
 */
export const ISTIO_VERSION = '1.30.4';

/** Where Istio's own images come from (`docker.io/istio/pilot`, `docker.io/istio/proxyv2`). */
export const ISTIO_HUB = 'docker.io/istio';

/** `docker.io/istio/proxyv2:1.30.4`: the image of every injected sidecar and every gateway. */
export const PROXY_IMAGE = `${ISTIO_HUB}/proxyv2:${ISTIO_VERSION}`;
