import type { Timer } from './clock';
import type { TimerOwner } from './timer-owner';
import { RealClock } from './real-clock';
import { VirtualClock } from './virtual-clock';

interface Handle {
  due: number;
  fn: () => void;
  owner: TimerOwner | undefined;
  current: Timer;
}

/**
 * Virtual time while a cluster boots, real time after `goLive()`. Installing Istio and deploying a lab's
 * workloads is a minute of cluster time; on virtual time it takes only as long as the CPU needs (time jumps
 * over every wait), and from `goLive()` on the cluster runs at the pace of a real one, starting in a settled
 * state. Timers still pending at the switch keep their due times, now on the wall clock.
 */
export class BootClock extends VirtualClock {
  private wall: { base: number; real: RealClock; since: number } | undefined;
  private readonly pending = new Set<Handle>();

  override get drivesVirtually(): boolean {
    return this.wall === undefined;
  }

  override now(): number {
    const wall = this.wall;
    return wall ? wall.base + (wall.real.now() - wall.since) : super.now();
  }

  override setTimer(delayMs: number, fn: () => void, owner?: TimerOwner): Timer {
    const handle: Handle = { due: this.now() + Math.max(0, delayMs), fn, owner, current: { cancel: () => {} } };
    this.pending.add(handle);
    handle.current = this.arm(handle, delayMs);
    return {
      cancel: () => {
        this.pending.delete(handle);
        handle.current.cancel();
      },
    };
  }

  /** Dropped timers stay dropped: they are not armed again on the wall clock at `goLive`. */
  override dropTimers(owners: readonly TimerOwner[]): number {
    const dropped = new Set(owners);
    for (const handle of this.pending)
      if (handle.owner !== undefined && dropped.has(handle.owner)) this.pending.delete(handle);
    return super.dropTimers(owners);
  }

  /** From now on time is the wall clock's, continuing from the virtual instant reached. */
  goLive(): void {
    if (this.wall) return;
    const real = new RealClock();
    this.wall = { base: super.now(), real, since: real.now() };
    for (const handle of this.pending) {
      handle.current.cancel();
      handle.current = this.arm(handle, handle.due - this.now());
    }
  }

  private arm(handle: Handle, delayMs: number): Timer {
    const fire = () => {
      this.pending.delete(handle);
      handle.fn();
    };
    return this.wall ? this.wall.real.setTimer(delayMs, fire) : super.setTimer(delayMs, fire, handle.owner);
  }
}
