/** A status condition as the built-in kinds write them. */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
}

/**
 * Sets a condition, keeping its timestamps when nothing about it changed: controllers rewrite status on
 * every reconcile, and a timestamp that moved each time would make every reconcile a write (and a watch
 * event, and another reconcile). lastTransitionTime moves only when status flips; lastUpdateTime (written
 * only where the kind has it, i.e. Deployments) when reason or message change.
 */
export function upsertCondition(
  conditions: Condition[],
  now: string,
  next: Condition,
  options: { updateTime?: boolean } = {},
): void {
  const index = conditions.findIndex((c) => c.type === next.type);
  const old = index >= 0 ? conditions[index] : undefined;
  const condition: Condition = { ...next };
  const transitioned = old === undefined || old.status !== next.status;
  condition.lastTransitionTime = transitioned ? now : (old.lastTransitionTime ?? now);
  if (options.updateTime === true) {
    const changed = transitioned || old.reason !== next.reason || old.message !== next.message;
    condition.lastUpdateTime = changed ? now : (old.lastUpdateTime ?? now);
  }
  if (index >= 0) conditions[index] = condition;
  else conditions.push(condition);
}
