import type { RuntimeDescriptor, Runtimes } from './descriptor';
import { sandbox } from './sandbox';
import { webcontainer } from './webcontainer';

/**
 * Every way a lab page can run a lab. Adding one: its folder here, whose index.ts exports its descriptor
 * (descriptor.ts: kind, texts, what `auto` checks, a lazy boot), and its line in `preferred`.
 */
export const RUNTIMES: Runtimes = {
  preferred: [webcontainer],
  fallback: sandbox,
};

/** Every runtime, the one that runs anywhere first (the order of the runtime select). */
export const allRuntimes = ({ preferred, fallback }: Runtimes = RUNTIMES): readonly RuntimeDescriptor[] => [
  fallback,
  ...preferred,
];
