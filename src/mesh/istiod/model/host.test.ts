import { describe, expect, it } from 'vitest';
import { compareSpecificity, hostMatches, resolveShortname } from './host';
import { parseIstioDuration, toEnvoyDuration } from './duration';

describe('hosts', () => {
  it('resolves short names only', () => {
    expect(resolveShortname('reviews', 'default', 'cluster.local')).toBe('reviews.default.svc.cluster.local');
    expect(resolveShortname('reviews.default', 'default', 'cluster.local')).toBe('reviews.default');
    expect(resolveShortname('*', 'default', 'cluster.local')).toBe('*');
    expect(resolveShortname('10.0.0.1', 'default', 'cluster.local')).toBe('10.0.0.1');
  });

  it('matches wildcards by suffix', () => {
    expect(hostMatches('*.local', 'reviews.default.svc.cluster.local')).toBe(true);
    expect(hostMatches('*', 'anything')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('a.example.com', 'b.example.com')).toBe(false);
    expect(['*.local', 'reviews.default.svc.cluster.local', '*.svc.cluster.local'].sort(compareSpecificity)).toEqual([
      'reviews.default.svc.cluster.local',
      '*.svc.cluster.local',
      '*.local',
    ]);
  });
});

describe('durations', () => {
  it('reads protobuf and Go durations', () => {
    expect(parseIstioDuration('7s')).toBe(7000);
    expect(parseIstioDuration('0.5s')).toBe(500);
    expect(parseIstioDuration('100ms')).toBe(100);
    expect(parseIstioDuration('1m30s')).toBe(90_000);
    expect(parseIstioDuration('3m')).toBe(180_000);
    expect(parseIstioDuration('soon')).toBeUndefined();
    expect(toEnvoyDuration('100ms')).toBe('0.1s');
    expect(toEnvoyDuration('1h')).toBe('3600s');
  });
});
