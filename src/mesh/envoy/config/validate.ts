import { type ConfigUpdate, validateConfigUpdate } from '../../xds/index';
import { httpFilterRegistry, type HttpFilterRegistry } from '../filters/registry';

/**
 * Every problem a proxy finds in a push (each naming resource and field): xds's checks of the resources'
 * structure, then each registered HTTP filter's checks of its own config. Empty: the proxy accepts it.
 */
export function validateProxyConfig(
  update: ConfigUpdate,
  httpFilters: HttpFilterRegistry = httpFilterRegistry(),
): string[] {
  return validateConfigUpdate(update, httpFilters);
}
