/** The mesh's only source of randomness: seeded, so a scenario replays byte for byte. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}
