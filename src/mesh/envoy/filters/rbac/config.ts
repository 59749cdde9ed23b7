import { FILTER_NAME, type RBAC, type RBACPerRoute } from '../../../xds/index';
import type { HttpFilterFactory } from '../../http/filter';
import { compileRbac } from './rbac-engine';
import { RbacFilter } from './rbac-filter';
import { checkRbac, checkRbacPerRoute } from './validate';

/** envoy.filters.http.rbac (Envoy: RoleBasedAccessControlFilterConfigFactory). No rules: everything allowed. */
export const rbacFilterFactory: HttpFilterFactory = {
  name: FILTER_NAME.rbac,
  checkConfig: checkRbac,
  checkPerRouteConfig: checkRbacPerRoute,
  createFilter: (config, { statPrefix, stats, appLog }) =>
    new RbacFilter(compileRbac(config as RBAC | undefined), statPrefix, stats, appLog),
  createRouteSpecificConfig: (config) => compileRbac((config as RBACPerRoute).rbac),
};
