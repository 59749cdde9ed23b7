import type { Environment } from './environment';
import type { LabPayload, LabRuntime, RuntimeReason, Texts, Workspace } from './types';

/**
 * What a runtime's folder exports from its index.ts: enough to list it, choose it and boot it. The workbench
 * and the chooser (select.ts, boot.ts) only ever see this; runtimes.ts lists them.
 */
export interface RuntimeDescriptor {
  /** Its `?runtime=` and setting value, and the `kind` of the LabRuntime it boots. */
  readonly kind: string;
  /** Its name in the runtime select and the status line. */
  readonly name: Texts;
  /**
   * Boots it for one lab; `reason` is what the status line will say. Code that is big or rarely used loads in
   * here, on demand, so a page that never boots this runtime never downloads it.
   */
  boot(payload: LabPayload, workspace: Workspace, reason: RuntimeReason): Promise<LabRuntime>;
}

/** Whether `auto` may try a runtime on this page, and why: shown when it runs, or when the fallback runs instead. */
export interface Verdict<Reason extends string = string> {
  usable: boolean;
  reason: RuntimeReason<Reason>;
}

/** A runtime `auto` tries before the fallback when it suits the page; when it cannot start, the fallback takes over. */
export interface PreferredRuntime<Reason extends string = string> extends RuntimeDescriptor {
  /** The text of every reason it gives, by key (`{{detail}}` shows the reason's detail); keys are unique site-wide. */
  readonly reasons: Readonly<Record<Reason, Texts>>;
  /** `auto`: judged from the page's facts alone, before anything boots. */
  judge(page: Environment): Verdict<Reason>;
  /**
   * `auto`, once judged usable: a check over the network, made while the fallback boots alongside so that a
   * failing one costs nothing. A reason sends the lab to the fallback.
   */
  probe?(): Promise<RuntimeReason<Reason> | undefined>;
  /** What the status line says when `boot` failed with `error` and the fallback took over. */
  whyFailed(error: unknown): RuntimeReason<Reason>;
}

/** The runtime that runs anywhere: `auto`'s choice when no preferred runtime suits, and every failed boot's. */
export interface FallbackRuntime extends RuntimeDescriptor {
  /** Another runtime booted instead: lets go of what the page started ahead for this one. */
  discardEarlyStart?(): void;
}

/** Every runtime a lab page may boot. */
export interface Runtimes {
  /** In the order `auto` tries them. */
  readonly preferred: readonly [PreferredRuntime, ...PreferredRuntime[]];
  readonly fallback: FallbackRuntime;
}

/** Checks a preferred runtime's reasons against its texts: every reason it can give has them. */
export const definePreferredRuntime = <Reason extends string>(runtime: PreferredRuntime<Reason>) => runtime;
