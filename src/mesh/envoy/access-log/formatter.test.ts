import { describe, expect, it } from 'vitest';
import { compileLogFormat } from './formatter';
import type { AccessLogRecord } from './log-record';

const record: AccessLogRecord = {
  startTime: '2026-01-01T00:00:14.084Z',
  method: 'GET',
  path: '/status/418?x=1',
  protocol: 'HTTP/1.1',
  requestHeaders: { 'user-agent': 'curl/8.11.1', 'x-request-id': 'abc' },
  responseHeaders: { 'x-envoy-upstream-service-time': '4' },
  authority: 'httpbin:8000',
  responseCode: 418,
  responseFlags: '-',
  responseCodeDetails: 'via_upstream',
  bytesReceived: 0,
  bytesSent: 135,
  durationMs: 5,
  upstreamHost: '10.244.1.4:8080',
  upstreamCluster: 'outbound|8000||httpbin.default.svc.cluster.local',
  upstreamLocalAddress: '10.244.0.4:42113',
  downstreamLocalAddress: '10.96.193.16:8000',
  downstreamRemoteAddress: '10.244.0.4:42112',
  requestedServerName: '-',
  routeName: 'default',
  attemptCount: 1,
  downstreamPeerUriSan: '-',
  downstreamLocalUriSan: '-',
  hostname: 'sleep-7c8db9cf67-r4blt',
};

describe('compileLogFormat', () => {
  it("prints Istio's default text line when the logger names no format", () => {
    expect(compileLogFormat(undefined)(record)).toBe(
      '[2026-01-01T00:00:14.084Z] "GET /status/418?x=1 HTTP/1.1" 418 - via_upstream - "-" 0 135 5 4 "-" "curl/8.11.1" "abc" ' +
        '"httpbin:8000" "10.244.1.4:8080" outbound|8000||httpbin.default.svc.cluster.local 10.244.0.4:42113 ' +
        '10.96.193.16:8000 10.244.0.4:42112 - default\n',
    );
  });

  it('text: header alternatives, max length, path without query, CEL; omit_empty_values prints nothing for -', () => {
    const f = compileLogFormat({
      text_format_source: {
        inline_string:
          '%REQ(X-MISSING?USER-AGENT):4% %REQ_WITHOUT_QUERY(:PATH)% %CEL(response.code + 1)% %REQ(X-NONE)%\n',
      },
    });
    expect(f(record)).toBe('curl /status/418 419 -\n');
    const omit = compileLogFormat({
      text_format_source: { inline_string: '[%REQ(X-NONE)%]' },
      omit_empty_values: true,
    });
    expect(omit(record)).toBe('[]');
  });

  it('JSON: one operator keeps its type (numbers, null); mixed text stays a string; nesting is kept', () => {
    const f = compileLogFormat({
      json_format: {
        code: '%RESPONSE_CODE%',
        sni: '%REQUESTED_SERVER_NAME%',
        who: 'pod %HOSTNAME%',
        n: { d: '%DURATION%' },
      },
    });
    expect(JSON.parse(f(record))).toEqual({ code: 418, sni: null, who: 'pod sleep-7c8db9cf67-r4blt', n: { d: 5 } });
  });

  it('an operator Envoy does not know refuses the format', () => {
    expect(() => compileLogFormat({ text_format_source: { inline_string: '%NOPE%' } })).toThrow(
      'Not supported field in StreamInfo: NOPE',
    );
  });

  it('compiles a format once: the same format gives the same formatter, a refused one is refused every time', () => {
    const json = { json_format: { code: '%RESPONSE_CODE%' } };
    expect(compileLogFormat({ json_format: { code: '%RESPONSE_CODE%' } })).toBe(compileLogFormat(json));
    expect(compileLogFormat(json)).not.toBe(compileLogFormat({ json_format: { status: '%RESPONSE_CODE%' } }));
    expect(compileLogFormat(json)(record)).toBe('{"code":418}\n');
    for (let i = 0; i < 2; i++)
      expect(() => compileLogFormat({ text_format_source: { inline_string: '%NOPE%' } })).toThrow('NOPE');
  });
});
