// The contract's numbers, apart from its zod schemas: the browser's report queue needs them on every course page,
// where evaluating zod's schemas cost ~15–20 ms of the main thread for nothing.

/** Bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
