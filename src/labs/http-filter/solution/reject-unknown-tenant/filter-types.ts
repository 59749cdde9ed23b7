// Lets solution/ type-check in the repository; the grader always uses files/filter-types.ts (read-only).
export type * from '../../files/filter-types';
