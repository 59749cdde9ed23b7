import { describe, expect, it } from 'vitest';
import { BootClock } from './boot-clock';
import { ownedClock, setOwnedTimer, TimerOwner } from './timer-owner';
import { VirtualClock } from './virtual-clock';

describe('timer owners', () => {
  it('count the timers each owner fired in a run, busiest first, owners of one name together', async () => {
    const clock = new VirtualClock();
    const pod = ownedClock(clock, new TimerOwner('pod a'));
    const proxy = ownedClock(clock, new TimerOwner('pod a'));
    const other = ownedClock(clock, new TimerOwner('pod b'));
    clock.beginRun();
    for (let i = 0; i < 3; i++) pod.setTimer(i, () => {});
    proxy.setTimer(1, () => {});
    other.setTimer(1, () => {});
    clock.setTimer(1, () => {}); // nobody's
    await clock.runUntilIdle();
    expect(clock.ownersOfRun().map(({ name, fired }) => [name, fired])).toEqual([
      ['pod a', 4],
      ['pod b', 1],
    ]);
    clock.beginRun();
    expect(clock.ownersOfRun()).toEqual([]);
    const slept = pod.sleep(5);
    await clock.runUntilIdle();
    await slept;
    expect(clock.ownersOfRun().map(({ name, fired }) => [name, fired])).toEqual([['pod a', 1]]);
  });

  it('drop only the dropped owners’ pending timers, then tell them', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    let told = 0;
    const loud = new TimerOwner('pod loud', () => told++);
    setOwnedTimer(clock, 5, () => fired.push('loud'), loud);
    ownedClock(clock, new TimerOwner('pod quiet')).setTimer(5, () => fired.push('quiet'));
    expect(clock.dropTimers([loud])).toBe(1);
    await clock.runUntilIdle();
    expect(fired).toEqual(['quiet']);
    expect(told).toBe(1);
  });

  it('name themselves when blamed, not before', () => {
    let calls = 0;
    const owner = new TimerOwner(() => `replicaset default/x-${++calls}`);
    expect(calls).toBe(0);
    expect(owner.name).toBe('replicaset default/x-1');
  });

  it('stay dropped on a BootClock that goes live', async () => {
    const clock = new BootClock();
    const owner = new TimerOwner('pod a');
    const fired: string[] = [];
    setOwnedTimer(clock, 5, () => fired.push('dropped'), owner);
    // Due with the dropped one and set after it: had that one come back, it would fire first.
    const kept = new Promise<void>((resolve) => clock.setTimer(5, () => resolve(void fired.push('kept'))));
    clock.dropTimers([owner]);
    clock.goLive();
    await kept;
    expect(fired).toEqual(['kept']);
  });
});

describe('VirtualClock drivers and Ctrl-C', () => {
  it('stop between two batches of timers when the signal aborts, leaving time where it was', async () => {
    const clock = new VirtualClock();
    const interrupt = new AbortController();
    let rounds = 0;
    const spin = (): void => {
      if (++rounds === 100) interrupt.abort(new Error('^C'));
      clock.setTimer(0, spin);
    };
    spin();
    clock.setTimer(50, () => {});
    await expect(clock.advance(100, { signal: interrupt.signal })).rejects.toThrow('^C');
    expect(rounds).toBeLessThan(110);
    expect(clock.now()).toBe(0);
  });
});
