import { describe, expect, it } from 'vitest';
import { CelError, compileCel } from './cel';

const activation = {
  request: { path: '/status/418?x=1', method: 'GET', headers: { 'x-log': 'yes', 'user-agent': 'curl/8.11.1' } },
  response: { code: 418, headers: {} },
  connection: { mtls: true },
};

describe('compileCel: the CEL subset of access-log filters', () => {
  it.each([
    ['response.code >= 400', true],
    ['response.code >= 500 || request.headers["x-log"] == "yes"', true],
    ["response.code >= 500 || request.headers['x-log'] == 'yes'", true],
    ['response.code == 418 && !connection.mtls', false],
    ["request.path.startsWith('/status') && request.method in ['GET', 'HEAD']", true],
    ["request.headers['user-agent'].matches('curl/.*')", true],
    ['has(request.headers.foo) ? 1 : 2', 2],
    ['size(request.headers) + 1', 3],
  ])('%s → %s', (source, expected) => {
    expect(compileCel(source)(activation)).toBe(expected);
  });

  it('a missing key is an error at run time; bad syntax is refused when compiled', () => {
    expect(() => compileCel("request.headers['nope'] == 'x'")(activation)).toThrow(CelError);
    expect(() => compileCel('response.code >=')).toThrow(/Syntax error/);
    expect(() => compileCel('response.code $ 3')).toThrow(/token recognition error/);
  });
});
