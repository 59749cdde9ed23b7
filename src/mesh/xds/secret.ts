import type { DataSource, StringMatcher } from './common';

/** An SDS secret: our certificate and key, or a validation context (trust anchor). */
export interface Secret {
  name: string;
  tls_certificate?: { certificate_chain: DataSource; private_key: DataSource };
  validation_context?: { trusted_ca: DataSource; match_subject_alt_names?: StringMatcher[] };
}
