/**
 * Mesh time is the virtual clock's milliseconds counted from 2026-01-01T00:00:00Z. Certificates and push
 * versions carry calendar time; these helpers turn clock readings into it. Nothing here reads the wall clock.
 */

import { MESH_EPOCH_MS } from '../../sim';

/**
 * The X.509 library takes validity as Date values. This is the only place istiod builds one, always
 * from a virtual-clock reading, never from the host's clock.
 */
export function meshDate(clockMs: number, epochMs: number = MESH_EPOCH_MS): Date {
  // eslint-disable-next-line no-restricted-globals -- a Date built from the virtual clock, as the X.509 API requires
  return new Date(epochMs + clockMs);
}
