/**
 * What Istio's validation returns: errors, which deny the object, and warnings, which kubectl prints and lets
 * through. Istio appends both with hashicorp's go-multierror, which flattens nested lists — so a flat list of
 * messages per kind is the whole model; `formatErrors` prints it as that library does.
 */
export class Validation {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  error(message: string | undefined): this {
    if (message !== undefined) this.errors.push(message);
    return this;
  }

  warn(message: string | undefined): this {
    if (message !== undefined) this.warnings.push(message);
    return this;
  }

  add(other: Validation): this {
    this.errors.push(...other.errors);
    this.warnings.push(...other.warnings);
    return this;
  }
}

/**
 * One error alone is its own text (Istio appends only when there are two); several are go-multierror's
 * list, trailing blank line included.
 */
export function formatErrors(errors: readonly string[]): string {
  if (errors.length === 1) return errors[0]!;
  return `${errors.length} errors occurred:\n\t${errors.map((e) => `* ${e}`).join('\n\t')}\n\n`;
}
