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
  /** When istiod last sent this type (clock ms): the age `istioctl proxy-status -v 1` shows. */
  sentAt?: number;
  /** The last NACK for this type, until an ACK clears it. */
  lastNack?: { readonly version: string; readonly nonce: string; readonly message: string; readonly at: number };
}

/** A type's status as istiod reports it to `istioctl proxy-status` (Envoy CSDS's ConfigStatus). */
export type ConfigStatus = 'NOT SENT' | 'SYNCED' | 'STALE' | 'ERROR';

/**
 * istiod's debugSyncStatus (Istio 1.30): ERROR while the proxy's last answer for the type was a NACK (an ACK
 * clears it), NOT SENT before anything was sent, SYNCED when the last nonce sent was acknowledged, else STALE.
 */
export function xdsStatus(s: Readonly<TypeSyncState>): ConfigStatus {
  if (s.lastNack !== undefined) return 'ERROR';
  if (s.nonceSent === undefined || s.nonceSent === '') return 'NOT SENT';
  return s.nonceSent === s.nonceAcked ? 'SYNCED' : 'STALE';
}

/** What istiod knows of one connected proxy's sync: the source of a row of `istioctl proxy-status`. */
export interface ProxySyncStatus {
  readonly name: string;
  readonly cds: ConfigStatus;
  readonly lds: ConfigStatus;
  readonly eds: ConfigStatus;
  readonly rds: ConfigStatus;
  readonly sds: ConfigStatus;
  /** When each type was last sent (clock ms), for the types sent at all. */
  readonly sentAt: Readonly<Partial<Record<XdsType, number>>>;
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
  const sentAt: Partial<Record<XdsType, number>> = {};
  for (const [type, s] of Object.entries(sync) as Array<[XdsType, TypeSyncState]>) {
    if (s.lastNack !== undefined) nacks[type] = s.lastNack.message;
    if (s.sentAt !== undefined) sentAt[type] = s.sentAt;
  }
  const status = (t: XdsType): ConfigStatus => xdsStatus(sync[t]);
  return {
    name,
    cds: status('CDS'),
    lds: status('LDS'),
    eds: status('EDS'),
    rds: status('RDS'),
    sds: status('SDS'),
    sentAt,
    istiod,
    version,
    nacks,
  };
}
