import { MESH_EPOCH_MS, type SimCluster } from '../../index';
import { OPENSSL_S_CLIENT, writeAdvice } from '../advice';
import { certificateText, opensslDate } from './certificate-text';
import { resolvePath, type CommandIo } from '../io';
import {
  OpensslError,
  certificateRequest,
  formatName,
  newRsaKey,
  parseSubject,
  readCertificate,
  readPrivateKey,
  readRequest,
  selfSigned,
  signRequest,
  type Validity,
} from './certificates';

/** Options of `req` and `x509` that take a value; the rest are flags. */
const VALUED = new Set([
  'days',
  'newkey',
  'subj',
  'keyout',
  'out',
  'in',
  'key',
  'CA',
  'CAkey',
  'set_serial',
  'config',
  'extensions',
  'extfile',
  'addext',
  'passout',
  'passin',
]);
const FLAGS: Readonly<Record<string, ReadonlySet<string>>> = {
  req: new Set(['x509', 'new', 'nodes', 'noenc', 'sha256', 'batch', 'noout', 'text', 'verify']),
  x509: new Set(['req', 'sha256', 'noout', 'text', 'subject', 'issuer', 'dates', 'serial', 'CAcreateserial']),
};

type Parsed = { values: Map<string, string>; flags: Set<string> };

/**
 * `openssl` for the keys and certificates istio.io's secure-ingress task makes: `req -x509` (a self-signed CA),
 * `req -newkey` (a key and a certificate request), `x509 -req` (sign it with the CA), and `x509 [-in …] -noout`
 * with `-subject`, `-issuer`, `-dates`, `-serial`, `-text`. Real RSA keys and X.509 in PEM, valid from the cluster's
 * date; OpenSSL 3.0's messages.
 */
export async function openssl(argv: readonly string[], io: CommandIo, cluster: SimCluster): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 's_client') {
    writeAdvice(io, OPENSSL_S_CLIENT);
    return 1;
  }
  if (command !== 'req' && command !== 'x509') {
    io.stderr.write(
      command === undefined
        ? 'openssl: this terminal has the req and x509 commands\n'
        : `Invalid command '${command}'; type "help" for a list.\n`,
    );
    return 1;
  }
  let parsed: Parsed;
  try {
    parsed = parseOptions(command, rest);
  } catch (error) {
    if (!(error instanceof OpensslError)) throw error;
    io.stderr.write(`${command}: ${error.message}\n${command}: Use -help for summary.\n`);
    return 1;
  }
  try {
    const nowMs = MESH_EPOCH_MS + cluster.clock.now();
    // Key generation and signing run on WebCrypto's threads, outside the virtual clock: the cluster waits for them.
    await cluster.track(command === 'req' ? req(parsed, io, nowMs) : x509(parsed, io, nowMs));
    return 0;
  } catch (error) {
    if (!(error instanceof OpensslError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
}

function parseOptions(command: 'req' | 'x509', argv: readonly string[]): Parsed {
  const parsed: Parsed = { values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.replace(/^--?/, '');
    if (!arg.startsWith('-')) throw new OpensslError(`Unknown parameter ${arg}`);
    if (VALUED.has(name)) {
      const value = argv[++i];
      if (value === undefined) throw new OpensslError(`Option -${name} needs a value`);
      parsed.values.set(name, value);
    } else if (FLAGS[command]!.has(name)) parsed.flags.add(name);
    else throw new OpensslError(`Unknown option: -${name}`);
  }
  return parsed;
}

async function req(options: Parsed, io: CommandIo, nowMs: number): Promise<void> {
  const subj = options.values.get('subj');
  // Without -subj, openssl asks for each field on the terminal; this one cannot prompt.
  if (subj === undefined) throw new OpensslError('req: give the subject with -subj (this terminal cannot prompt)');
  const subject = parseSubject(subj);
  const newkey = options.values.get('newkey') ?? 'rsa:2048';
  const bits = /^rsa:(\d+)$/.exec(newkey);
  if (bits === null) throw new OpensslError(`Unknown algorithm ${newkey.split(':')[0]}`);
  // OpenSSL 3 marks its search for primes with dots and pluses (random each run), then a rule.
  io.stderr.write('.....+...+.....+++++++++++++++++++++++++++++++++++++++*...+.....+...\n-----\n');
  const key = await newRsaKey(Number(bits[1]));
  await write(io, options.values.get('keyout') ?? 'privkey.pem', key.pem);
  const pem = options.flags.has('x509')
    ? await selfSigned(subject, key, validity(options, nowMs, randomSerial()))
    : await certificateRequest(subject, key);
  await write(io, options.values.get('out'), pem);
}

async function x509(options: Parsed, io: CommandIo, nowMs: number): Promise<void> {
  const input = options.values.get('in');
  // Without -in, openssl reads stdin: `… | base64 --decode | openssl x509 -noout -text`.
  const text = input === undefined ? io.stdin : await read(io, input);
  if (options.flags.has('req')) {
    const caPath = options.values.get('CA');
    const caKeyPath = options.values.get('CAkey') ?? caPath;
    if (caPath === undefined || caKeyPath === undefined) throw new OpensslError('x509: -req needs -CA and -CAkey here');
    const request = readRequest(text);
    const ca = readCertificate(await read(io, caPath));
    const caKey = await readPrivateKey(await read(io, caKeyPath));
    const serial = options.values.get('set_serial');
    const pem = await signRequest(request, ca, caKey, validity(options, nowMs, serialHex(serial)));
    io.stderr.write(`Certificate request self-signature ok\nsubject=${formatName(request.subjectName)}\n`);
    await write(io, options.values.get('out'), pem);
    return;
  }
  const cert = readCertificate(text);
  // What to print comes out in the order the options were given, as openssl's x509 prints it.
  for (const flag of options.flags) {
    if (flag === 'serial') io.stdout.write(`serial=${cert.serialNumber.toUpperCase()}\n`);
    else if (flag === 'subject') io.stdout.write(`subject=${formatName(cert.subjectName)}\n`);
    else if (flag === 'issuer') io.stdout.write(`issuer=${formatName(cert.issuerName)}\n`);
    else if (flag === 'dates')
      io.stdout.write(`notBefore=${opensslDate(cert.notBefore)}\nnotAfter=${opensslDate(cert.notAfter)}\n`);
    else if (flag === 'text') io.stdout.write(await certificateText(cert));
  }
  if (!options.flags.has('noout')) await write(io, options.values.get('out'), `${cert.toString('pem')}\n`);
}

function validity(options: Parsed, nowMs: number, serialNumber: string): Validity {
  const days = Number(options.values.get('days') ?? 30);
  if (!Number.isInteger(days))
    throw new OpensslError(`Invalid number "${options.values.get('days')}" for option -days`);
  return {
    // eslint-disable-next-line no-restricted-globals -- a Date from the cluster's clock, as the X.509 API takes
    notBefore: new Date(nowMs),
    // eslint-disable-next-line no-restricted-globals -- likewise
    notAfter: new Date(nowMs + days * 86_400_000),
    serialNumber,
  };
}

/** OpenSSL's 159-bit random serial; keys and serials come from the host's CSPRNG, as the mesh's CA's keys do. */
function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  bytes[0]! &= 0x7f;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `-set_serial N` (decimal, or 0x hex); without it, a random serial as OpenSSL 3 makes. */
function serialHex(text: string | undefined): string {
  if (text === undefined) return randomSerial();
  const value = /^0x[0-9a-f]+$/i.test(text) ? BigInt(text) : /^\d+$/.test(text) ? BigInt(text) : undefined;
  if (value === undefined) throw new OpensslError(`Invalid serial number "${text}"`);
  const hex = value.toString(16);
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

async function read(io: CommandIo, path: string): Promise<string> {
  const absolute = resolvePath(io.cwd, path);
  if (!(await io.fs.exists(absolute))) throw new OpensslError(`Could not open file or uri for loading: ${path}`);
  return io.fs.readFile(absolute);
}

/** To the file, or to stdout without -out. */
async function write(io: CommandIo, path: string | undefined, text: string): Promise<void> {
  if (path === undefined) io.stdout.write(text);
  else await io.fs.writeFile(resolvePath(io.cwd, path), text);
}
