import { FILTER_NAME, type JwtAuthentication } from '../../../xds/index';
import type { HttpFilterFactory } from '../../http/filter';
import { JwtAuthnFilter } from './jwt-authn-filter';
import { checkJwtAuthentication } from './validate';

/** envoy.filters.http.jwt_authn (Envoy: FilterFactory). No rules: every request passes untouched. */
export const jwtAuthnFilterFactory: HttpFilterFactory = {
  name: FILTER_NAME.jwtAuthn,
  checkConfig: checkJwtAuthentication,
  createFilter: (config, context) => new JwtAuthnFilter(config as JwtAuthentication | undefined, context),
};
