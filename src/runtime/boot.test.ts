import { describe, expect, it, vi } from 'vitest';
import { startRuntime } from './boot';
import type { FallbackRuntime, AlternativeRuntime, Runtimes } from './descriptor';
import type { Environment } from './environment';
import type { Workspace, LabPayload, LabRuntime, RuntimeReason } from './types';

const page: Environment = { search: '', setting: null, crossOriginIsolated: true, online: true, frameSources: [] };
/** The page as it is when the learner asked for the alternative runtime. */
const asked: Environment = { ...page, search: '?runtime=first' };
const payload = { id: 'lab' } as LabPayload;
const workspace: Workspace = { files: {}, journal: [] };

/** A booted runtime that only records whether it was disposed. */
const booted = (kind: string, reason: RuntimeReason) => ({ kind, reason, dispose: vi.fn() }) as unknown as LabRuntime;

function runtimes(preferred: { usable?: boolean; refuses?: boolean; fails?: boolean } = {}) {
  const events: string[] = [];
  const fallback = {
    kind: 'fallback',
    name: { ko: '대체', en: 'Fallback' },
    boot: vi.fn(
      async (_payload, _files, reason: RuntimeReason) => (events.push('fallback boots'), booted('fallback', reason)),
    ),
    discardEarlyStart: vi.fn(),
  } satisfies FallbackRuntime;
  const first = {
    kind: 'first',
    name: { ko: '첫째', en: 'First' },
    reasons: {},
    judge: () => ({ usable: preferred.usable ?? true, reason: { key: preferred.usable === false ? 'no' : 'yes' } }),
    probe: vi.fn(async () => (events.push('probe'), preferred.refuses ? { key: 'unreachable' } : undefined)),
    boot: vi.fn(async (_payload, _files, reason: RuntimeReason) => {
      events.push('first boots');
      if (preferred.fails) throw new Error('no engine');
      return booted('first', reason);
    }),
    whyFailed: (error: unknown) => ({ key: 'failed', detail: (error as Error).message }),
  } satisfies AlternativeRuntime;
  return { events, fallback, first, list: { alternatives: [first], fallback } satisfies Runtimes };
}

describe('startRuntime', () => {
  it('auto: only the fallback boots, and nothing is probed', async () => {
    const { events, first, list } = runtimes();
    const runtime = await startRuntime(payload, workspace, page, list);
    expect(runtime).toMatchObject({ kind: 'fallback', reason: { key: 'auto' } });
    expect(events).toEqual(['fallback boots']);
    expect(first.probe).not.toHaveBeenCalled();
  });

  it('chosen: the fallback boots alongside while the choice is probed, and goes once that one boots', async () => {
    const { events, fallback, first, list } = runtimes();
    const runtime = await startRuntime(payload, workspace, asked, list);
    expect(runtime).toMatchObject({ kind: 'first', reason: { key: 'requested' } });
    expect(events).toEqual(['fallback boots', 'probe', 'first boots']);
    expect((await fallback.boot.mock.results[0]!.value).dispose).toHaveBeenCalledOnce();
    expect(fallback.discardEarlyStart).toHaveBeenCalledOnce();
    expect(first.boot).toHaveBeenCalledWith(payload, workspace, { key: 'requested' });
  });

  it('chosen: a probe that refuses (offline) hands the lab to the fallback booted alongside, with its reason', async () => {
    const { events, fallback, first, list } = runtimes({ refuses: true });
    const runtime = await startRuntime(payload, workspace, { ...page, setting: 'first' }, list);
    expect(runtime).toMatchObject({ kind: 'fallback', reason: { key: 'unreachable' } });
    expect(runtime.dispose).not.toHaveBeenCalled();
    expect(first.boot).not.toHaveBeenCalled();
    expect(fallback.boot).toHaveBeenCalledOnce();
    expect(events).toEqual(['fallback boots', 'probe']);
  });

  it('chosen: a failed boot hands the lab to the fallback booted alongside, with the failure', async () => {
    const { fallback, list } = runtimes({ fails: true });
    const runtime = await startRuntime(payload, workspace, asked, list);
    expect(runtime).toMatchObject({ kind: 'fallback', reason: { key: 'failed', detail: 'no engine' } });
    expect(fallback.boot).toHaveBeenCalledOnce();
    expect(fallback.discardEarlyStart).not.toHaveBeenCalled();
  });

  it('chosen on a page it cannot run on: only the fallback boots, saying why', async () => {
    const { events, first, list } = runtimes({ usable: false });
    const runtime = await startRuntime(payload, workspace, asked, list);
    expect(runtime).toMatchObject({ kind: 'fallback', reason: { key: 'no' } });
    expect(events).toEqual(['fallback boots']);
    expect(first.probe).not.toHaveBeenCalled();
  });
});
