/** A cluster with an outlier detector on a virtual clock, for the outlier-detection tests. */
import { SeededRandom, VirtualClock } from '../../sim';
import { HostSetImpl } from '../upstream/host-set';
import { resolveOutlierConfig } from '../upstream/outlier-detection/config';
import { createOutlierDetector } from '../upstream/outlier-detection/detector';
import { RecordingOutlierEventSink } from '../upstream/outlier-detection/event-sink';
import type { OutlierDetectionConfig } from '../upstream/outlier-detection/types';
import { endpoints, hostAt } from './host-fixtures';

export const S = 1000;

export function setupOutlierCluster(config: Partial<OutlierDetectionConfig> = {}, hosts = 4) {
  const clock = new VirtualClock();
  const set = new HostSetImpl(endpoints(hosts));
  const sink = new RecordingOutlierEventSink();
  // Most tests allow every host to be ejected so that the 10% default does not hide what they test.
  const resolved = resolveOutlierConfig({ maxEjectionPercent: 100, ...config });
  const detector = createOutlierDetector({
    clusterName: 'outbound|8080||httpbin.default.svc.cluster.local',
    hostSet: set,
    config: resolved,
    clock,
    random: new SeededRandom(1),
    eventSink: sink,
  });
  const host = (i: number) => hostAt(set, i);
  const fail = (i: number, times: number, code = 500) => {
    for (let n = 0; n < times; n++) host(i).outlierMonitor.putHttpResponseCode(code);
  };
  return { clock, set, sink, detector, host, fail };
}
