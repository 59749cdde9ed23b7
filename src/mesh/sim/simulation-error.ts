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
