/** Readers for a custom resource's spec as the API server stores it: JSON of no declared shape. */
export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A number field; absent reads as 0, as an unset proto3 scalar does. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function strings(value: unknown): string[] {
  return arr(value).map(str);
}

/** Whether a field is set at all (a proto message or list present, even empty). */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}
