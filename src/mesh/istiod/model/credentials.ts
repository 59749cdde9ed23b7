import type { KubeObject } from './kube-api';

/** What a gateway's `credentialName` Secret holds, as istiod's secret controller reads it (PEM text). */
export interface Credential {
  readonly certificateChain?: string;
  readonly privateKey?: string;
  readonly caCertificates?: string;
}

/** Istio reads both spellings: kubernetes.io/tls's `tls.crt`/`tls.key`/`ca.crt`, or generic `cert`/`key`/`cacert`. */
const CERT_KEYS = ['tls.crt', 'cert'];
const KEY_KEYS = ['tls.key', 'key'];
const CA_KEYS = ['ca.crt', 'cacert'];

interface SecretShape {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function decode(base64: string): string | undefined {
  try {
    const binary = atob(base64);
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** The credential in a Secret object; undefined when it holds none of the keys above. */
export function credentialFromSecret(obj: KubeObject): Credential | undefined {
  const secret = obj as KubeObject & SecretShape;
  const value = (keys: readonly string[]): string | undefined => {
    for (const key of keys) {
      const text =
        secret.stringData?.[key] ?? (secret.data?.[key] === undefined ? undefined : decode(secret.data[key]));
      if (text !== undefined && text.trim() !== '') return text;
    }
    return undefined;
  };
  const certificateChain = value(CERT_KEYS);
  const privateKey = value(KEY_KEYS);
  const caCertificates = value(CA_KEYS);
  if (certificateChain === undefined && caCertificates === undefined) return undefined;
  return {
    ...(certificateChain !== undefined && { certificateChain }),
    ...(privateKey !== undefined && { privateKey }),
    ...(caCertificates !== undefined && { caCertificates }),
  };
}
