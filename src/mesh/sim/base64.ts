/** UTF-8 text as base64: what Kubernetes Secrets' `data` and protobuf JSON's `bytes` fields hold. */
export function base64OfText(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
