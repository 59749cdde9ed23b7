// Lets solution/ type-check in the repository; the grader always uses files/breaker-types.ts (read-only).
export type * from '../../files/breaker-types';
