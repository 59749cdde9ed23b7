export { OutlierResult, type HostMonitor } from './outlier-result';
export {
  OutlierEjectionType,
  type HostStateChangedCallback,
  type OutlierDetectionConfig,
  type OutlierDetectionStats,
  type OutlierDetector,
  type OutlierEvent,
  type OutlierEventSink,
} from './types';
export {
  OUTLIER_DETECTION_DEFAULTS,
  outlierConfigFromIstio,
  resolveOutlierConfig,
  type IstioOutlierDetection,
} from './config';
export {
  createOutlierDetector,
  OutlierDetectorImpl,
  type OutlierDetectorArgs,
  type OutlierDetectorFactory,
} from './detector';
export { HostMonitorImpl } from './host-monitor';
export { NULL_HOST_MONITOR } from './null-host-monitor';
export { NULL_OUTLIER_EVENT_SINK, RecordingOutlierEventSink, fanOutEventSink } from './event-sink';
export {
  backoffAfterEjection,
  ejectionDurationMs,
  is5xx,
  isGatewayError,
  mayEject,
  resultToHttpCode,
} from './ejection-math';
