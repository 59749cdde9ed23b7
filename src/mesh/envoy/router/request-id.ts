import type { Random } from '../../sim';

/**
 * x-request-id values: UUID-shaped (version 4), replayable (seeded), unique per proxy. The random part is
 * drawn once; a counter makes each id distinct, which costs far less per request than drawing 122 bits.
 */
export class RequestIdGenerator {
  private readonly prefix: string;
  private counter = 0;

  constructor(random: Random) {
    const hex = (n: number): string =>
      Math.floor(random.next() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    this.prefix = `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + random.int(4)).toString(16)}${hex(3)}-${hex(4)}`;
  }

  next(): string {
    return `${this.prefix}${(this.counter++ % 0x100000000).toString(16).padStart(8, '0')}`;
  }
}
