/** bash's `time` report on stderr: the cluster's elapsed time; the CPU a simulation spends is nobody's. */
export function timeReport(ms: number): string {
  const seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  return `\nreal\t${minutes}m${(seconds - minutes * 60).toFixed(3)}s\nuser\t0m0.000s\nsys\t0m0.000s\n`;
}
