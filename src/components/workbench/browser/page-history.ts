/**
 * The browser tab's session history: the addresses it showed, in order, and where it is among them. Going to a
 * new address drops the forward entries, as every browser does; a redirect replaces the address rather than
 * adding one (the history holds where the browser ended up).
 */
export class PageHistory {
  private entries: string[] = [];
  private index = -1;

  get current(): string | undefined {
    return this.entries[this.index];
  }

  get canGoBack(): boolean {
    return this.index > 0;
  }

  get canGoForward(): boolean {
    return this.index < this.entries.length - 1;
  }

  /** A navigation that ended at `url`. */
  push(url: string): void {
    this.entries = [...this.entries.slice(0, this.index + 1), url];
    this.index = this.entries.length - 1;
  }

  back(): string | undefined {
    if (!this.canGoBack) return undefined;
    return this.entries[--this.index];
  }

  forward(): string | undefined {
    if (!this.canGoForward) return undefined;
    return this.entries[++this.index];
  }
}
