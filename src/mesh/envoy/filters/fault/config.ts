import { FILTER_NAME, type HTTPFault } from '../../../xds/index';
import type { HttpFilterFactory } from '../../http/filter';
import { compileFault, FaultFilter } from './fault-filter';
import { checkFault } from './validate';

/** envoy.filters.http.fault (Envoy: FaultFilterFactory). A config without delay or abort injects nothing. */
export const faultFilterFactory: HttpFilterFactory = {
  name: FILTER_NAME.fault,
  checkConfig: checkFault,
  checkPerRouteConfig: checkFault,
  createFilter(config, { statPrefix, stats, clock, random }) {
    const fault = config as HTTPFault | undefined;
    const compiled =
      fault !== undefined && (fault.delay !== undefined || fault.abort !== undefined) ? compileFault(fault) : undefined;
    return new FaultFilter(compiled, statPrefix, stats, clock, random);
  },
  createRouteSpecificConfig: (config) => compileFault(config as HTTPFault),
};
