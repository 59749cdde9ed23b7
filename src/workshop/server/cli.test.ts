import { describe, expect, it } from 'vitest';
import { parseWorkshopFlags, UsageError } from './cli';
import { instructorUrl, lanAddresses, startMessage } from './start-message';

describe('meshdojo workshop flags', () => {
  it('defaults to every address on port 4321, ./workshop.db, and the language of LANG', () => {
    expect(parseWorkshopFlags([], { LANG: 'ko_KR.UTF-8' })).toEqual({
      port: 4321,
      host: '0.0.0.0',
      data: './workshop.db',
      lang: 'ko',
    });
    expect(parseWorkshopFlags([], {}).lang).toBe('en');
  });

  it('reads --flag value and --flag=value', () => {
    const flags = parseWorkshopFlags([
      '--port=8080',
      '--host',
      '127.0.0.1',
      '--database',
      'postgres://db/w',
      '--lang=ko',
    ]);
    expect(flags).toEqual({
      port: 8080,
      host: '127.0.0.1',
      data: './workshop.db',
      database: 'postgres://db/w',
      lang: 'ko',
    });
  });

  it.each([
    [['--port', 'x']],
    [['--data', 'a.db', '--database', 'postgres://db/w']],
    [['--database', 'mysql://db']],
    [['--lang', 'ja']],
    [['--nope']],
    [['--port']],
  ])('refuses %j', (argv) => {
    expect(() => parseWorkshopFlags(argv, {})).toThrow(UsageError);
  });
});

describe('the start message', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: '192.168.0.12', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
    ],
  } as unknown as NonNullable<Parameters<typeof lanAddresses>[1]>;

  it('offers the LAN addresses when listening on all of them, localhost on loopback', () => {
    expect(lanAddresses('0.0.0.0', interfaces)).toEqual(['192.168.0.12']);
    expect(lanAddresses('127.0.0.1', interfaces)).toEqual(['localhost']);
    expect(lanAddresses('10.0.0.5', interfaces)).toEqual(['10.0.0.5']);
  });

  it('puts the key in the fragment, which browsers never send', () => {
    expect(instructorUrl(4321, 'en', 'secret')).toBe('http://localhost:4321/en/workshop/instructor/#key=secret');
  });

  it('prints the join URL with a QR code and the instructor URL, in the chosen language', async () => {
    const text = await startMessage({
      host: '0.0.0.0',
      port: 4321,
      lang: 'ko',
      key: 'k',
      storeLabel: 'w.db',
      interfaces,
    });
    expect(text).toContain('http://192.168.0.12:4321/ko/workshop/join/');
    expect(text).toContain('▄');
    expect(text).toContain('http://localhost:4321/ko/workshop/instructor/#key=k');
    expect(text).toContain('여십시오');
    expect(text).not.toMatch(/세요/);
  });
});
