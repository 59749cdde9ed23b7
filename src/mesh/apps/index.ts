// The workloads pods run: Bookinfo, httpbin, fortio, sleep/curl — and Istio's sample manifests for them.
export type { ExecOptions, ExecResult, ImageSpec, PodInfo, Workload, WorkloadContext } from './types';
export { IMAGE_CATALOG, imageSpecFor, isKnownImage, unknownImageNote } from './images';
export { ISTIO_PROXY as PROXY_IMAGE_BINARIES } from './image-contents';
export { parseImageRef, type ImageRef } from './image-ref';
export { createWorkload } from './workloads';
export {
  HttpClient,
  HttpClientError,
  parseUrl,
  type ClientResponse,
  type HttpClientErrorKind,
  type HttpClientOptions,
  type ParsedUrl,
  type RequestOptions,
} from './http-client';
export { canonicalHeaderName, responseHead, statusLine, statusText } from './http-text';
export { httpDate, wallClockOf } from './wall-clock';
export { runFortioCommand } from './fortio/fortio';
export { ncListens, runNc } from './busybox-nc';
export { DEFAULT_TIMING as FORTIO_DEFAULT_TIMING, type FortioTiming } from './fortio/fast-client';
export { SAMPLE_FILES } from './samples';
export { installInternet } from './internet/internet';
export { SYSTEM_CA_BUNDLE } from './internet/public-ca';
export type { TlsClientOptions } from './tls-client';
