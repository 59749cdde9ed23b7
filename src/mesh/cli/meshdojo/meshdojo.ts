import {
  explainRequest,
  INSPECT_WORDS,
  outcomeOf,
  type InspectLocale,
  type RequestRecord,
  type SimCluster,
} from '../../index';
import type { CommandIo } from '../io';
import { formatTable } from '../format/table';
import { proxyEdit } from './proxy-edit';

const HELP: Record<InspectLocale, string> = {
  en: `meshdojo: the course's own tools (not part of Istio).

Usage:
  meshdojo trace list              recent requests: method, authority, path, code, flags, duration
  meshdojo trace last              the last request, hop by hop, and why it got its answer
  meshdojo trace <x-request-id>    one request (a unique prefix of the id will do)
  meshdojo trace on|off            start or stop recording requests
  meshdojo proxy edit POD --host HOST --timeout DURATION
                                   edit one proxy's route timeout by hand, behind istiod's back

The mesh records what each proxy decided (listener, route, cluster, endpoint, filters, retries,
timeouts, breakers, TLS) for the last 100 requests.
`,
  ko: `meshdojo: 이 코스가 제공하는 도구입니다 (Istio에 속하지 않습니다).

사용법:
  meshdojo trace list              최근 요청: 메서드, authority, 경로, 코드, 플래그, 걸린 시간
  meshdojo trace last              마지막 요청을 홉별로, 그리고 그 응답을 받은 이유
  meshdojo trace <x-request-id>    요청 하나 (id의 앞부분만 써도 하나로 정해지면 됩니다)
  meshdojo trace on|off            요청 기록을 켜거나 끕니다
  meshdojo proxy edit POD --host HOST --timeout DURATION
                                   프록시 하나의 라우트 타임아웃을 istiod 모르게 손으로 고칩니다

메시는 최근 요청 100개에 대해 각 프록시의 결정(리스너, 라우트, 클러스터, 엔드포인트, 필터, 재시도,
타임아웃, 브레이커, TLS)을 기록합니다.
`,
};

const MESSAGES: Record<InspectLocale, { on: string; off: string; recordingOff: string }> = {
  en: {
    on: 'request recording is on',
    off: 'request recording is off',
    recordingOff: ' (recording is off: meshdojo trace on)',
  },
  ko: {
    on: '요청 기록을 켰습니다',
    off: '요청 기록을 껐습니다',
    recordingOff: ' (기록이 꺼져 있습니다: meshdojo trace on)',
  },
};

function localeOf(io: CommandIo): InspectLocale {
  return (io.env['LANG'] ?? '').startsWith('ko') ? 'ko' : 'en';
}

/** `meshdojo`: our own commands in the learner's shell: `trace`, the request inspector, and `proxy edit`. */
export async function meshdojo(argv: readonly string[], io: CommandIo, cluster: SimCluster): Promise<number> {
  const locale = localeOf(io);
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP[locale]);
    return 0;
  }
  if (command === 'proxy' && rest[0] === 'edit')
    return proxyEdit(rest.slice(1), io, cluster, locale, (message) => fail(io, message));
  if (command !== 'trace')
    return fail(io, `unknown command "${command}" for "meshdojo"\nRun 'meshdojo --help' for usage.`);
  if (rest.length === 0 || rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(HELP[locale]);
    return rest.length === 0 ? 1 : 0;
  }
  if (rest.length > 1) return fail(io, `accepts 1 arg, received ${rest.length}\nRun 'meshdojo --help' for usage.`);
  return trace(rest[0]!, io, cluster, locale);
}

function trace(arg: string, io: CommandIo, cluster: SimCluster, locale: InspectLocale): number {
  const log = cluster.requests;
  const messages = MESSAGES[locale];
  if (arg === 'on' || arg === 'off') {
    log.enabled = arg === 'on';
    io.stdout.write(`${log.enabled ? messages.on : messages.off}\n`);
    return 0;
  }
  const hint = log.enabled ? '' : messages.recordingOff;
  if (arg === 'list') {
    const records = log.list();
    if (records.length === 0) {
      io.stdout.write(`${INSPECT_WORDS[locale].noRequests()}${hint}\n`);
      return 0;
    }
    io.stdout.write(formatTable([INSPECT_WORDS[locale].listHeader(), ...records.map(listRow)]));
    return 0;
  }
  const record = arg === 'last' ? log.last() : log.find(arg);
  if (record === undefined) {
    if (arg === 'last') return fail(io, `no request recorded yet${hint}`);
    return fail(io, `no recorded request with x-request-id "${arg}"${hint}`);
  }
  io.stdout.write(explainRequest(record, locale).join('\n') + '\n');
  return 0;
}

function listRow(record: RequestRecord): string[] {
  const { status, flags, durationMs, done } = outcomeOf(record);
  return [
    record.requestId,
    record.method,
    record.authority,
    record.path,
    done ? String(status) : '-',
    flags,
    done ? `${Math.round(durationMs)}ms` : '-',
  ];
}

function fail(io: CommandIo, message: string): number {
  io.stderr.write(`error: ${message}\n`);
  return 1;
}
