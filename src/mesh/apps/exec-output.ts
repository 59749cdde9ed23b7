import type { ExecResult } from './types';

/** Collects what a command writes to stdout and stderr, keeping the order a terminal would show. */
export class ExecOutput {
  private stdoutText = '';
  private stderrText = '';
  private combinedText = '';

  /** Writes `text` to stdout as is. */
  write(text: string): void {
    this.stdoutText += text;
    this.combinedText += text;
  }

  /** Writes one line to stdout. */
  line(text: string): void {
    this.write(`${text}\n`);
  }

  /** Writes one line to stderr. */
  errorLine(text: string): void {
    this.stderrText += `${text}\n`;
    this.combinedText += `${text}\n`;
  }

  result(exitCode: number): ExecResult {
    return { stdout: this.stdoutText, stderr: this.stderrText, combined: this.combinedText, exitCode };
  }
}
