/**
 * The secrets of a workshop: the instructor key and the learners' seat tokens, and the ids and join codes the
 * server makes. The store keeps only a token's SHA-256, so a copied database seats nobody.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { JOIN_CODE_ALPHABET } from '../protocol';

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
export const tokenHash = (token: string): string => sha256(token).toString('hex');

/**
 * Compares the digests, not the strings: timingSafeEqual needs equal lengths, and comparing fixed-size digests
 * tells an attacker neither the key's length nor how many of its characters matched.
 */
export function keysMatch(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** 32 random bytes, URL-safe: the instructor key and seat tokens. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
/** Ids of workshops, seats and messages: opaque, unguessable (opaqueIdSchema). */
export const newId = (): string => randomBytes(12).toString('base64url');

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}
