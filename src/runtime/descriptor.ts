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

/** Whether a runtime can run on this page, and why not: shown when the fallback runs instead. */
export interface Verdict<Reason extends string = string> {
  usable: boolean;
  reason: RuntimeReason<Reason>;
}

/**
 * A runtime the learner may choose instead of the fallback (`?runtime=` or the select); `auto` never picks one,
 * since only the fallback runs every part of a lab in the page (the mesh graph, the browser tab, code going
 * live). When one cannot start, the fallback takes over.
 */
export interface AlternativeRuntime<Reason extends string = string> extends RuntimeDescriptor {
  /** The text of every reason it gives, by key (`{{detail}}` shows the reason's detail); keys are unique site-wide. */
  readonly reasons: Readonly<Record<Reason, Texts>>;
  /** Judged from the page's facts alone, before anything boots: an unusable one is not tried at all. */
  judge(page: Environment): Verdict<Reason>;
  /**
   * Once judged usable: a check over the network, made while the fallback boots alongside so that a failing
   * one costs nothing. A reason sends the lab to the fallback.
   */
  probe?(): Promise<RuntimeReason<Reason> | undefined>;
  /** What the status line says when `boot` failed with `error` and the fallback took over. */
  whyFailed(error: unknown): RuntimeReason<Reason>;
}

/** The runtime that runs anywhere: `auto`'s choice, and every failed boot's. */
export interface FallbackRuntime extends RuntimeDescriptor {
  /** Another runtime booted instead: lets go of what the page started ahead for this one. */
  discardEarlyStart?(): void;
}

/** Every runtime a lab page may boot. */
export interface Runtimes {
  /** The ones the learner may choose instead (the runtime select lists them after the fallback). */
  readonly alternatives: readonly AlternativeRuntime[];
  readonly fallback: FallbackRuntime;
}

/** Checks an alternative runtime's reasons against its texts: every reason it can give has them. */
export const defineAlternativeRuntime = <Reason extends string>(runtime: AlternativeRuntime<Reason>) => runtime;
