import { exactlyOne, FieldErrors, isObject, join, requireObject, requireString } from './check';

function checkDataSource(e: FieldErrors, path: string, v: unknown): void {
  const d = requireObject(e, path, v);
  if (d !== undefined) exactlyOne(e, path, d, ['inline_string', 'inline_bytes', 'filename']);
}

/** All problems with an SDS Secret; empty when it is valid. */
export function validateSecret(v: unknown): string[] {
  const name = isObject(v) && typeof v['name'] === 'string' ? v['name'] : '';
  const e = new FieldErrors('Secret', name);
  if (!isObject(v)) {
    e.add('', 'must be an object');
    return e.messages;
  }
  requireString(e, 'name', v['name']);
  const kind = exactlyOne(e, '', v, ['tls_certificate', 'validation_context']);
  if (kind === 'tls_certificate') {
    const t = requireObject(e, 'tls_certificate', v['tls_certificate']);
    if (t !== undefined) {
      checkDataSource(e, join('tls_certificate', 'certificate_chain'), t['certificate_chain']);
      checkDataSource(e, join('tls_certificate', 'private_key'), t['private_key']);
    }
  } else if (kind === 'validation_context') {
    const c = requireObject(e, 'validation_context', v['validation_context']);
    if (c !== undefined) checkDataSource(e, 'validation_context.trusted_ca', c['trusted_ca']);
  }
  return e.messages;
}
