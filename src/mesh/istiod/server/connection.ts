import type { ConfigUpdate } from '../../xds';
import type { KubeObject } from '../model/kube-api';

/** What istiod watches: the lead adapts the kube store to this. */
export interface ConfigEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
}

export interface ConfigSource {
  /** Every object currently stored. */
  list(): readonly KubeObject[];
  /** Calls `handler` after each change; returns the unsubscribe function. */
  watch(handler: (event: ConfigEvent) => void): () => void;
}

/** One push to one proxy: a version, a nonce to acknowledge, the resources (types absent stay as they are). */
export interface XdsPush {
  readonly version: string;
  readonly nonce: string;
  readonly resources: ConfigUpdate;
}

/** The proxy's answer: ACK, or NACK with the reason (it keeps running its last good config). */
export type XdsPushResult = { readonly ack: true } | { readonly ack: false; readonly message: string };

/** A connected proxy, as istiod sees its ADS stream. The lead adapts the envoy Proxy to this. */
export interface XdsConnection {
  /** `<pod>.<namespace>`, the proxy's node id. */
  readonly node: { readonly id: string };
  push(update: XdsPush): XdsPushResult | Promise<XdsPushResult>;
}
