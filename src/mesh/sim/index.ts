/**
 * Time, randomness and the record of what happened — the only place in src/mesh that touches the host's
 * timers or clock. Tests and checks run scenarios on a VirtualClock:
 *
 *   const clock = new VirtualClock();
 *   const result = await runScenario(clock, async () => { await clock.sleep(180_000); return clock.now(); });
 *   // result === 180000, instantly
 */
export type { Clock, Timer } from './clock';
export type { Random } from './random';
export { SeededRandom } from './seeded-random';
export { VirtualClock, type DriveOptions, type OwnerTally, type VirtualClockOptions } from './virtual-clock';
export { TimerOwner, ownedClock, setOwnedTimer } from './timer-owner';
export { RealClock, type RealClockOptions } from './real-clock';
export { BootClock } from './boot-clock';
export { runScenario } from './run-scenario';
export { RunawayError, SimulationError, type SimulationStopReason } from './simulation-error';
export { Trace, formatTraceEvent, type TraceEvent, type TraceOptions, type TraceValue } from './trace';
export { MESH_EPOCH_MS } from './epoch';
export { ISTIO_HUB, ISTIO_VERSION, PROXY_IMAGE } from './istio-release';
export { civilTime, isoTimestamp, rfc3339Seconds, unixMsOf, type CivilTime } from './calendar';
export { pad, timeOfDay } from './calendar';
export { yieldToMacrotask } from './settle';
export { base64OfText } from './base64';
