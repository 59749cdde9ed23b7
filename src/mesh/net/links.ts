import type { LinkBehaviour } from './types';

/**
 * Link behaviour between addresses, with `*` as a wildcard. The most specific entry wins:
 * (from, to) before (from, *) before (*, to) before (*, *).
 */
export class LinkTable {
  // from → to → behaviour; nested maps so the per-request lookup builds no strings.
  private readonly links = new Map<string, Map<string, LinkBehaviour>>();

  set(from: string, to: string, behaviour: LinkBehaviour | undefined): void {
    let targets = this.links.get(from);
    if (behaviour !== undefined) {
      if (targets === undefined) this.links.set(from, (targets = new Map()));
      targets.set(to, { ...behaviour });
    } else if (targets !== undefined) {
      targets.delete(to);
      if (targets.size === 0) this.links.delete(from);
    }
  }

  get(from: string, to: string): LinkBehaviour | undefined {
    if (this.links.size === 0) return undefined;
    const exact = this.links.get(from);
    const any = this.links.get('*');
    return exact?.get(to) ?? exact?.get('*') ?? any?.get(to) ?? any?.get('*');
  }
}
