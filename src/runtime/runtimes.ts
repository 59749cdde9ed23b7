import type { RuntimeDescriptor, Runtimes } from './descriptor';
import { sandbox } from './sandbox';
import { webcontainer } from './webcontainer';

/**
 * Every way a lab page can run a lab: the sandbox, which `auto` runs, and the ones a learner may choose. Adding
 * one: its folder here, whose index.ts exports its descriptor (descriptor.ts: kind, texts, what it needs of the
 * page, a lazy boot), and its line in `alternatives`.
 */
export const RUNTIMES: Runtimes = {
  alternatives: [webcontainer],
  fallback: sandbox,
};

/** Every runtime, the one that runs anywhere first (the order of the runtime select). */
export const allRuntimes = ({ alternatives, fallback }: Runtimes = RUNTIMES): readonly RuntimeDescriptor[] => [
  fallback,
  ...alternatives,
];
