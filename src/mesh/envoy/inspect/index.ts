/** The request inspector: what the proxies decided for each request, and those decisions in words. */
export { RequestLog, type RequestHead, type RequestRecorder } from './request-log';
export {
  endpointsOf,
  outcomeOf,
  type AttemptEnd,
  type BreakerResource,
  type Decision,
  type HopKind,
  type HopRecord,
  type ObjectName,
  type RequestRecord,
} from './request-record';
export { describeDecision, explainRequest, requestCause, requestVerdict } from './explain';
export { INSPECT_WORDS, type InspectLocale, type InspectWords } from './words';
