// The composition root: a whole simulated cluster (sim, net, kube, workloads, istiod, envoy) behind one facade.
export { createCluster } from './create-cluster';
export type {
  AnalysisMessage,
  SimCluster,
  NksClusterInfo,
  NksClusterStatus,
  CreateClusterOptions,
  IstioControl,
  IstioGatewayComponent,
  IstioOperatorSpec,
  Preset,
  ProxyAdminView,
  ProxyExtensionsRefusal,
  ProxyStatusRow,
  ProxyXdsType,
  IstiodProxyConfig,
  HandEdit,
  UiEvent,
  KubeClient,
} from './types';
