/**
 * The calendar instant virtual time 0 stands for: 2026-01-01T00:00:00Z, in Unix milliseconds. Everything
 * that prints a date (kubectl's AGE and timestamps, certificates, push versions, access logs, HTTP Date
 * headers) counts from here, so one scenario prints the same text on every run and every machine.
 */
export const MESH_EPOCH_MS = 1_767_225_600_000;
