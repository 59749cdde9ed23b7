import { p256, p384, p521 } from '@noble/curves/nist.js';
import { hashFunction, notSupported, type AlgorithmParams } from './algorithm';
import { base64url, concat, equalBytes, fromBase64url } from './bytes';
import { bitString, hexBytes, integer, octetString, sequence, tlv } from './der';
import { makeKey, signingPair, type CurveName, type KeyMaterial } from './keys';

/** ECDSA on the NIST curves with @noble/curves; signatures in WebCrypto's IEEE P1363 form (r‖s). */
const CURVES = {
  'P-256': { curve: p256, oid: '06082a8648ce3d030107', size: 32 },
  'P-384': { curve: p384, oid: '06052b81040022', size: 48 },
  'P-521': { curve: p521, oid: '06052b81040023', size: 66 },
} as const;

const EC_PUBLIC_KEY_OID = hexBytes('06072a8648ce3d0201');

function curveOf(params: AlgorithmParams): (typeof CURVES)[CurveName] & { name: CurveName } {
  const name = params.namedCurve as CurveName | undefined;
  if (name === undefined || !(name in CURVES)) throw notSupported(`curve ${String(name)}`);
  return { ...CURVES[name], name };
}

const algorithmIdentifier = (name: CurveName) => sequence(EC_PUBLIC_KEY_OID, hexBytes(CURVES[name].oid));

export function generateEcKeyPair(params: AlgorithmParams, extractable: boolean, usages: readonly KeyUsage[]) {
  const { curve, name } = curveOf(params);
  const secret = curve.utils.randomSecretKey();
  const point = curve.getPublicKey(secret, false);
  const algorithm = { name: 'ECDSA', namedCurve: name };
  return signingPair(
    algorithm,
    extractable,
    usages,
    { kind: 'ec', curve: name, point },
    {
      kind: 'ec',
      curve: name,
      point,
      secret,
    },
  );
}

export function ecSign(params: AlgorithmParams, material: KeyMaterial & { kind: 'ec' }, data: Uint8Array) {
  if (material.secret === undefined) throw new DOMException('A public key cannot sign', 'InvalidAccessError');
  const digest = hashFunction(params.hash)(data);
  return CURVES[material.curve].curve.sign(digest, material.secret, { prehash: false });
}

export function ecVerify(
  params: AlgorithmParams,
  material: KeyMaterial & { kind: 'ec' },
  signature: Uint8Array,
  data: Uint8Array,
): boolean {
  const digest = hashFunction(params.hash)(data);
  try {
    // WebCrypto accepts high-S signatures; noble refuses them unless told.
    return CURVES[material.curve].curve.verify(signature, digest, material.point, { prehash: false, lowS: false });
  } catch {
    return false;
  }
}

export function exportEcKey(format: KeyFormat, key: CryptoKey, material: KeyMaterial & { kind: 'ec' }) {
  const { point, secret, curve } = material;
  const size = CURVES[curve].size;
  if (format === 'raw' && key.type === 'public') return point;
  if (format === 'spki' && key.type === 'public') return sequence(algorithmIdentifier(curve), bitString(point));
  if (format === 'pkcs8' && secret !== undefined) {
    // RFC 5915's ECPrivateKey with the public key, as browsers export it.
    const ecPrivateKey = sequence(integer(1), octetString(secret), tlv(0xa1, bitString(point)));
    return sequence(integer(0), algorithmIdentifier(curve), octetString(ecPrivateKey));
  }
  if (format === 'jwk') {
    const jwk: JsonWebKey = {
      kty: 'EC',
      crv: curve,
      x: base64url(point.slice(1, 1 + size)),
      y: base64url(point.slice(1 + size)),
      ext: true,
      key_ops: [...key.usages],
    };
    if (secret !== undefined) jwk.d = base64url(secret);
    return jwk;
  }
  throw notSupported(`exporting an EC ${key.type} key as ${format}`);
}

/** Public keys only: nothing the mesh does imports an EC private key. */
export function importEcPublicKey(
  format: KeyFormat,
  keyData: Uint8Array | JsonWebKey,
  params: AlgorithmParams,
  usages: readonly KeyUsage[],
): CryptoKey {
  const { name, size } = curveOf(params);
  let point: Uint8Array;
  if (format === 'jwk') {
    const jwk = keyData as JsonWebKey;
    if (jwk.kty !== 'EC' || jwk.crv !== name || jwk.d !== undefined) throw notSupported('this EC JWK');
    point = concat(Uint8Array.of(4), fromBase64url(jwk.x ?? ''), fromBase64url(jwk.y ?? ''));
  } else if (format === 'raw') {
    point = keyData as Uint8Array;
  } else if (format === 'spki') {
    const der = keyData as Uint8Array;
    const prefix = sequence(algorithmIdentifier(name), bitString(new Uint8Array(1 + 2 * size)));
    const head = prefix.slice(0, prefix.length - (1 + 2 * size));
    if (!equalBytes(der.slice(0, head.length), head)) throw new DOMException('Not an EC SPKI', 'DataError');
    point = der.slice(head.length);
  } else {
    throw notSupported(`importing an EC key from ${format}`);
  }
  if (point.length !== 1 + 2 * size || point[0] !== 4) throw new DOMException('Not an EC point', 'DataError');
  try {
    CURVES[name].curve.Point.fromBytes(point).assertValidity();
  } catch {
    throw new DOMException('The point is not on the curve', 'DataError');
  }
  return makeKey('public', { name: 'ECDSA', namedCurve: name }, true, usages, { kind: 'ec', curve: name, point });
}
