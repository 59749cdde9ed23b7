import type { Clock } from './clock';
import { SimulationError } from './simulation-error';
import { VirtualClock, type DriveOptions } from './virtual-clock';

/**
 * Runs an async scenario to completion on whatever clock it is given: on a VirtualClock it drives virtual
 * time (deadlock and loop limits become SimulationError); on a real clock it simply awaits, failing with
 * `TimeLimit` after `maxTimeMs` of wall time so a hung network test ends.
 */
export async function runScenario<T>(clock: Clock, scenario: () => Promise<T>, options: DriveOptions = {}): Promise<T> {
  if (clock instanceof VirtualClock && clock.drivesVirtually) return clock.run(scenario, options);
  const running = (async () => scenario())();
  const limit = options.maxTimeMs;
  if (limit === undefined) return running;
  let timer: { cancel(): void } | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimer(limit, () =>
      reject(new SimulationError('TimeLimit', `scenario did not finish within ${limit}ms of real time`)),
    );
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    timer?.cancel();
  }
}
