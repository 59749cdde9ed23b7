import type { ResourceKind } from '../../xds';

/** xDS type short names as `istioctl proxy-status` prints them. */
export type XdsType = 'CDS' | 'LDS' | 'EDS' | 'RDS' | 'SDS';

export const XDS_TYPE_OF: Record<ResourceKind, XdsType> = {
  clusters: 'CDS',
  listeners: 'LDS',
  endpoints: 'EDS',
  routes: 'RDS',
  secrets: 'SDS',
};

/** What istiod last sent and what the proxy last acknowledged, for one resource type. */
export interface TypeSyncState {
  versionSent?: string;
  nonceSent?: string;
  versionAcked?: string;
  nonceAcked?: string;
  /** The last NACK for this type, until an ACK clears it. */
  lastNack?: { readonly version: string; readonly nonce: string; readonly message: string; readonly at: number };
}

/** istioctl's xdsStatus: NOT SENT, SYNCED, STALE (Never Acknowledged), STALE. */
export function xdsStatus(sent: string | undefined, acked: string | undefined): string {
  if (sent === undefined || sent === '') return 'NOT SENT';
  if (sent === acked) return 'SYNCED';
  if (acked === undefined || acked === '') return 'STALE (Never Acknowledged)';
  return 'STALE';
}

/** What istiod knows of one connected proxy's sync: the source of a row of `istioctl proxy-status`. */
export interface ProxySyncStatus {
  readonly name: string;
  readonly cds: string;
  readonly lds: string;
  readonly eds: string;
  readonly rds: string;
  readonly sds: string;
  readonly istiod: string;
  readonly version: string;
  /** NACK messages per type, for `istioctl proxy-status <pod>` and analyze-style output. */
  readonly nacks: Readonly<Partial<Record<XdsType, string>>>;
}

/** A proxy's row from its per-type sync state: each type's status, and the NACK messages still standing. */
export function proxySyncStatus(
  name: string,
  sync: Readonly<Record<XdsType, TypeSyncState>>,
  istiod: string,
  version: string,
): ProxySyncStatus {
  const nacks: Partial<Record<XdsType, string>> = {};
  for (const [type, s] of Object.entries(sync) as Array<[XdsType, TypeSyncState]>)
    if (s.lastNack !== undefined) nacks[type] = s.lastNack.message;
  const status = (t: XdsType): string => xdsStatus(sync[t].nonceSent, sync[t].nonceAcked);
  return {
    name,
    cds: status('CDS'),
    lds: status('LDS'),
    eds: status('EDS'),
    rds: status('RDS'),
    sds: status('SDS'),
    istiod,
    version,
    nacks,
  };
}
