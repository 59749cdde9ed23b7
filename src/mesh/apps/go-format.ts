/**
 * Number and duration formatting exactly as Go's fmt and time packages print them, for the tools written in
 * Go (fortio, go-httpbin) whose output learners compare with istio.io: `%g`, `%.4g`, `%.1f`, `1m2.5s`.
 */

/** Go's `%g` (shortest) or `%.<precision>g`: no trailing zeros, exponent form outside 1e-4 … 1e<precision>. */
export function formatG(value: number, precision?: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const shortest = precision === undefined;
  const [mantissa = '0', exponentText = '0'] = (
    shortest ? abs.toExponential() : abs.toExponential(Math.max(precision, 1) - 1)
  ).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const exponent = Number(exponentText);
  const nd = digits.length;
  const dp = exponent + 1; // position of the decimal point relative to the digits
  let prec = shortest ? nd : Math.max(precision, 1);
  let eprec = prec;
  if (eprec > nd && nd >= dp) eprec = nd;
  if (shortest) eprec = 6;
  if (exponent < -4 || exponent >= eprec) {
    if (prec > nd) prec = nd;
    const fraction = prec > 1 ? `.${digits.slice(1, prec).padEnd(prec - 1, '0')}` : '';
    const e = Math.abs(exponent);
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (prec > dp) prec = nd;
  return sign + fixedFromDigits(digits, dp, Math.max(prec - dp, 0));
}

/** Lays out decimal `digits` with the point at `dp` and exactly `decimals` places. */
function fixedFromDigits(digits: string, dp: number, decimals: number): string {
  const digitAt = (i: number): string => (i >= 0 && i < digits.length ? digits[i]! : '0');
  let integer = '';
  if (dp > 0) for (let i = 0; i < dp; i++) integer += digitAt(i);
  else integer = '0';
  if (decimals === 0) return integer;
  let fraction = '';
  for (let i = 0; i < decimals; i++) fraction += digitAt(dp + i);
  return `${integer}.${fraction}`;
}

/** Go's `%.<decimals>f`. */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return formatG(value);
  return value.toFixed(decimals);
}

const NS_PER = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 } as const;

/** Go's `time.Duration.String()` for a count of nanoseconds: `0s`, `850µs`, `59.8524ms`, `1m0.5s`. */
export function formatGoDuration(nanoseconds: number): string {
  const neg = nanoseconds < 0;
  const u = Math.round(Math.abs(nanoseconds));
  let text: string;
  if (u === 0) return '0s';
  if (u < 1e9) {
    if (u < 1e3) text = `${u}ns`;
    else if (u < 1e6) text = `${fraction(u, 3)}µs`;
    else text = `${fraction(u, 6)}ms`;
  } else {
    text = `${fraction(u % 60e9, 9)}s`;
    const minutes = Math.floor(u / 60e9);
    if (minutes > 0) {
      text = `${minutes % 60}m${text}`;
      const hours = Math.floor(minutes / 60);
      if (hours > 0) text = `${hours}h${text}`;
    }
  }
  return neg ? `-${text}` : text;
}

/** `value / 10^places` with the fraction's trailing zeros (and a bare point) dropped. */
function fraction(value: number, places: number): string {
  const scale = 10 ** places;
  const integer = Math.floor(value / scale);
  const rest = Math.round(value - integer * scale);
  if (rest === 0) return String(integer);
  return `${integer}.${String(rest).padStart(places, '0').replace(/0+$/, '')}`;
}

/** Go's `time.ParseDuration` (`300ms`, `1.5h`, `2h45m`, `0`) in nanoseconds; undefined when malformed. */
export function parseGoDuration(text: string): number | undefined {
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const match = part.exec(rest);
    if (match === null) return undefined;
    total += Number(match[1]) * NS_PER[match[2] as keyof typeof NS_PER];
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}
