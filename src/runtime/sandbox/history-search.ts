/**
 * Ctrl-R, as bash's readline does it: a query typed letter by letter finds the latest earlier line that holds
 * it; Ctrl-R again finds the one before; the prompt shows the query, and says so when nothing holds it.
 */
export class HistorySearch {
  private query = '';
  /** Index of the line found, in `history`; `history.length` while nothing is searched for yet. */
  private at: number;
  private failed = false;

  constructor(private readonly history: readonly string[]) {
    this.at = history.length;
  }

  /** The line found so far, if any. */
  get match(): string | undefined {
    return this.at < this.history.length ? this.history[this.at] : undefined;
  }

  get prompt(): string {
    return `(${this.failed ? 'failed ' : ''}reverse-i-search)\`${this.query}': `;
  }

  type(text: string): void {
    this.query += text;
    this.find(Math.min(this.at, this.history.length - 1));
  }

  erase(): void {
    this.query = this.query.slice(0, -1);
    this.find(this.history.length - 1);
  }

  older(): void {
    if (this.query !== '') this.find(this.at - 1);
  }

  private find(from: number): void {
    for (let index = from; index >= 0; index--) {
      if (this.history[index]!.includes(this.query)) {
        this.at = index;
        this.failed = false;
        return;
      }
    }
    this.failed = true;
  }
}
