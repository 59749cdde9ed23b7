import { FILTER_NAME } from '../../../xds/index';
import type { HttpFilterFactory } from '../../http/filter';
import { IstioStatsFilter } from './stats-filter';

/** istio.stats (Istio's stats plugin): in the chain, every request finished is a sample of Istio's metrics. */
export const istioStatsFilterFactory: HttpFilterFactory = {
  name: FILTER_NAME.istioStats,
  createFilter: (_config, { metrics, localPeer, direction }) =>
    new IstioStatsFilter(metrics, localPeer, direction === 'INBOUND'),
};
