import type { HeaderMatcher, QueryParameterMatcher, StringMatcher } from '../../xds/index';
import { compileRe2 } from '../../xds/index';
import type { MatchRequest } from './match-request';

/** A compiled condition. Built once per config; called per request. */
export type ValuePredicate = (value: string) => boolean;
export type RequestPredicate = (req: MatchRequest) => boolean;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function compileStringMatcher(m: StringMatcher): ValuePredicate {
  const ic = m.ignore_case === true;
  if (m.exact !== undefined) {
    const x = ic ? m.exact.toLowerCase() : m.exact;
    return ic ? (v) => v.toLowerCase() === x : (v) => v === x;
  }
  if (m.prefix !== undefined) {
    const x = ic ? m.prefix.toLowerCase() : m.prefix;
    return ic ? (v) => v.toLowerCase().startsWith(x) : (v) => v.startsWith(x);
  }
  if (m.suffix !== undefined) {
    const x = ic ? m.suffix.toLowerCase() : m.suffix;
    return ic ? (v) => v.toLowerCase().endsWith(x) : (v) => v.endsWith(x);
  }
  if (m.contains !== undefined) {
    const x = ic ? m.contains.toLowerCase() : m.contains;
    return ic ? (v) => v.toLowerCase().includes(x) : (v) => v.includes(x);
  }
  if (m.safe_regex !== undefined) return compileRe2Predicate(m.safe_regex.regex, ic);
  throw new ConfigError('string matcher has no match kind');
}

/** A whole-value RE2 match (RE2 FullMatch) as a predicate. */
export function compileRe2Predicate(pattern: string, ignoreCase: boolean): ValuePredicate {
  const r = compileRe2(pattern, { ignoreCase });
  if (!r.ok) throw new ConfigError(`regex ${JSON.stringify(pattern)}: ${r.error}`);
  const re = r.regex;
  return (v) => re.test(v);
}

/**
 * Envoy's header matching: a missing header matches only `present_match: false` (or, inverted,
 * `present_match: true`) unless treat_missing_header_as_empty; otherwise the value test, then invert.
 */
export function compileHeaderMatcher(h: HeaderMatcher): RequestPredicate {
  const name = h.name.toLowerCase();
  const invert = h.invert_match === true;
  const missingAsEmpty = h.treat_missing_header_as_empty === true;
  let test: ValuePredicate;
  let presence: boolean | undefined;
  if (h.string_match !== undefined) test = compileStringMatcher(h.string_match);
  else {
    presence = h.present_match ?? true;
    test = () => true;
  }
  return (req) => {
    let value = req.header(name);
    if (value === undefined) {
      if (!missingAsEmpty) return presence !== undefined && (invert ? presence : !presence);
      value = '';
    }
    const matched = presence !== undefined ? presence : test(value);
    return matched !== invert;
  };
}

export function compileQueryMatcher(q: QueryParameterMatcher): RequestPredicate {
  const name = q.name;
  if (q.string_match !== undefined) {
    const test = compileStringMatcher(q.string_match);
    return (req) => {
      const v = req.queryParameter(name);
      return v !== undefined && test(v);
    };
  }
  const wantPresent = q.present_match ?? true;
  return (req) => (req.queryParameter(name) !== undefined) === wantPresent;
}
