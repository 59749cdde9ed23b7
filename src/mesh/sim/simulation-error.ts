/** Why a simulation driver gave up instead of finishing. */
export type SimulationStopReason =
  /** The scenario is still waiting but no timer is left that could ever wake it. */
  | 'Deadlock'
  /** More timers fired than the loop limit allows: usually a runaway retry or polling loop. */
  | 'EventLimit'
  /** Virtual time ran past the driver's budget. */
  | 'TimeLimit';

export class SimulationError extends Error {
  constructor(
    readonly reason: SimulationStopReason,
    message: string,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

/**
 * One run (a command) fired more timers than the loop limit allows. The owners that fired most of them are
 * `blamed` (pods, controllers' objects), and their pending timers were dropped so the rest goes on.
 */
export class RunawayError extends SimulationError {
  constructor(
    readonly limit: number,
    readonly atMs: number,
    readonly blamed: readonly string[],
  ) {
    super(
      'EventLimit',
      `loop limit: more than ${limit} timers fired in one run (t=${Math.round(atMs)}ms)` +
        (blamed.length > 0 ? `; most were for ${blamed.join(', ')}, whose pending timers were dropped` : ''),
    );
  }
}
