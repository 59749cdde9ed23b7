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

/** One row of `istioctl proxy-status`. */
export interface ProxyStatusRow {
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
