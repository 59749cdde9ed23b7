/**
 * What `meshdojo workshop` prints once it listens: the learners' join address (one per LAN address, each with a QR
 * code a phone or laptop camera can open) and the instructor's address with the key, in the instructor's language.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';
import type { WorkshopLocale } from '../protocol';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** The IPv4 addresses other devices reach this server at (all of this machine's when it listens on every one). */
export function lanAddresses(
  host: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  if (LOOPBACK.has(host)) return ['localhost'];
  if (host !== '0.0.0.0' && host !== '::') return [host];
  const found = Object.values(interfaces)
    .flat()
    .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
    .map((address) => (address as NetworkInterfaceInfo).address);
  return found.length > 0 ? found : ['localhost'];
}

export const joinUrl = (address: string, port: number, lang: WorkshopLocale): string =>
  `http://${address}:${port}/${lang}/workshop/join/`;

/** The key rides in the fragment: a browser never sends it to a server, so no log ever holds it. */
export const instructorUrl = (port: number, lang: WorkshopLocale, key: string): string =>
  `http://localhost:${port}/${lang}/workshop/instructor/#key=${key}`;

const TEXT = {
  ko: {
    ready: '워크숍 서버가 준비되었습니다.',
    join: '학습자: 아래 주소를 여십시오 (또는 QR 코드를 찍으십시오).',
    instructor: '강사: 이 컴퓨터에서 아래 주소를 여십시오. 키는 비밀입니다. 화면에 띄우지 마십시오.',
    loopback: '이 컴퓨터에서만 접속할 수 있습니다. 다른 기기에서 열려면 --host 0.0.0.0 으로 실행하십시오.',
    stop: 'Ctrl-C를 누르면 서버가 멈춥니다. 결과는 저장소에 남습니다:',
  },
  en: {
    ready: 'The workshop server is ready.',
    join: 'Learners: open this address (or scan the QR code).',
    instructor: 'Instructor: open this address on this computer. The key is secret: do not project it.',
    loopback: 'Only this computer can reach it. To let other devices in, run it with --host 0.0.0.0.',
    stop: 'Ctrl-C stops the server. Results stay in the store:',
  },
} as const;

export interface StartMessageInput {
  readonly host: string;
  readonly port: number;
  readonly lang: WorkshopLocale;
  readonly key: string;
  /** Where results are kept, as the instructor gave it (a file, or PostgreSQL without its password). */
  readonly storeLabel: string;
  readonly interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>;
}

export async function startMessage(input: StartMessageInput): Promise<string> {
  const text = TEXT[input.lang];
  const addresses = lanAddresses(input.host, input.interfaces);
  const lines = ['', `  ${text.ready}`, '', `  ${text.join}`];
  for (const address of addresses) {
    const url = joinUrl(address, input.port, input.lang);
    lines.push('', `    ${url}`, await QRCode.toString(url, { type: 'terminal', small: true }));
  }
  if (addresses.includes('localhost')) lines.push(`  ${text.loopback}`);
  lines.push('', `  ${text.instructor}`, `    ${instructorUrl(input.port, input.lang, input.key)}`, '');
  lines.push(`  ${text.stop} ${input.storeLabel}`, '');
  return lines.join('\n');
}
