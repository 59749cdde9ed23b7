import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Store from './progress';

/** A Storage over a Map; `broken` makes every call throw, as a browser that forbids storage does. */
function memoryStorage(options: { broken?: boolean; full?: boolean } = {}): Storage {
  const items = new Map<string, string>();
  const guard = () => {
    if (options.broken) throw new DOMException('denied', 'SecurityError');
  };
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => (guard(), items.get(key) ?? null),
    setItem: (key, value) => {
      guard();
      if (options.full) throw new DOMException('full', 'QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** A fresh copy of the store module (its listeners and in-memory fallback are module state). */
async function freshStore(storage: Storage | undefined): Promise<typeof Store> {
  vi.resetModules();
  vi.stubGlobal('localStorage', storage);
  return import('./progress');
}

const KEY = 'meshdojo.progress.v1';
const STEPS = ['route-all-v1', 'route-jason'];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('progress store', () => {
  it('starts empty and keeps check results per check, step and lab', async () => {
    const storage = memoryStorage();
    const store = await freshStore(storage);
    expect(store.readProgress()).toEqual({ version: 1, labs: {}, reviews: {} });
    expect(store.labStatus(store.readProgress(), 'request-routing', STEPS)).toBe('not-started');

    store.recordChecks('request-routing', STEPS, [
      { step: 'route-all-v1', id: 'anonymous-v1', status: 'pass' },
      { step: 'route-all-v1', id: 'others-v1', status: 'fail' },
    ]);
    let progress = store.readProgress();
    expect(progress.labs['request-routing']).toEqual({
      steps: { 'route-all-v1': { checks: { 'anonymous-v1': 'pass', 'others-v1': 'fail' } } },
    });
    expect(store.labStatus(progress, 'request-routing', STEPS)).toBe('in-progress');
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual(progress);

    vi.setSystemTime(2_000);
    store.recordChecks('request-routing', STEPS, [
      { step: 'route-all-v1', id: 'anonymous-v1', status: 'pass' },
      { step: 'route-all-v1', id: 'others-v1', status: 'pass' },
    ]);
    vi.setSystemTime(3_000);
    store.recordChecks('request-routing', STEPS, [
      { step: 'route-all-v1', id: 'anonymous-v1', status: 'pass' },
      { step: 'route-all-v1', id: 'others-v1', status: 'pass' },
      { step: 'route-jason', id: 'jason-v2', status: 'pass' },
    ]);
    progress = store.readProgress();
    expect(progress.labs['request-routing']!.steps['route-all-v1']!.passedAt).toBe(2_000);
    expect(progress.labs['request-routing']!.steps['route-jason']!.passedAt).toBe(3_000);
    expect(progress.labs['request-routing']!.completedAt).toBe(3_000);
    expect(store.labStatus(progress, 'request-routing', STEPS)).toBe('done');
    expect(store.stepsPassed(progress, 'request-routing', STEPS)).toBe(2);
  });

  it('a later failing run shows in the checks but does not undo a passed step', async () => {
    const store = await freshStore(memoryStorage());
    store.recordChecks('lab', ['one'], [{ step: 'one', id: 'a', status: 'pass' }]);
    store.recordChecks('lab', ['one'], [{ step: 'one', id: 'a', status: 'error' }]);
    const step = store.readProgress().labs['lab']!.steps['one']!;
    expect(step).toEqual({ checks: { a: 'error' }, passedAt: 1_000 });
  });

  it('a lab whose steps changed is done only when its current steps have passed', async () => {
    const store = await freshStore(memoryStorage());
    store.recordChecks('lab', ['one'], [{ step: 'one', id: 'a', status: 'pass' }]);
    expect(store.labStatus(store.readProgress(), 'lab', ['one'])).toBe('done');
    expect(store.labStatus(store.readProgress(), 'lab', ['one', 'two'])).toBe('in-progress');
    expect(store.labStatus(store.readProgress(), 'lab', [])).toBe('in-progress');
  });

  it('keeps the last answer per question and completes a review when every answer is right', async () => {
    const store = await freshStore(memoryStorage());
    const questions = ['slow-vs-dead', 'little'];
    store.recordAnswer('1.1', questions, 'slow-vs-dead', false);
    vi.setSystemTime(5_000);
    store.recordAnswer('1.1', questions, 'slow-vs-dead', true);
    expect(store.readProgress().reviews['1.1']).toEqual({ answers: { 'slow-vs-dead': { correct: true, at: 5_000 } } });
    store.recordAnswer('1.1', questions, 'little', true);
    expect(store.readProgress().reviews['1.1']!.completedAt).toBe(5_000);
  });

  it('tells listeners of this tab and of other tabs, until they unsubscribe', async () => {
    const storage = memoryStorage();
    const storageHandlers = new Set<(event: unknown) => void>();
    vi.stubGlobal('addEventListener', (type: string, handler: (event: unknown) => void) => {
      if (type === 'storage') storageHandlers.add(handler);
    });
    vi.stubGlobal('removeEventListener', (type: string, handler: (event: unknown) => void) => {
      if (type === 'storage') storageHandlers.delete(handler);
    });
    const store = await freshStore(storage);
    const seen: number[] = [];
    const stop = store.onProgress((progress) => seen.push(Object.keys(progress.reviews).length));

    store.recordAnswer('1.1', ['q'], 'q', true);
    expect(seen).toEqual([1]);

    // Another tab writes the same key; the browser fires `storage` here.
    const other = { version: 1, labs: {}, reviews: { '1.1': { answers: {} }, '1.2': { answers: {} } } };
    storage.setItem(KEY, JSON.stringify(other));
    for (const handler of storageHandlers) handler({ key: 'something-else' });
    for (const handler of storageHandlers) handler({ key: KEY });
    expect(seen).toEqual([1, 2]);

    stop();
    expect(storageHandlers.size).toBe(0);
    store.recordAnswer('1.1', ['q'], 'q', false);
    expect(seen).toEqual([1, 2]);
  });

  it('reads corrupt or foreign stored data as no progress, keeping what is well formed', async () => {
    const storage = memoryStorage();
    const store = await freshStore(storage);
    for (const text of ['{not json', '[]', 'null', '{"version":1}', '{"version":7,"labs":{},"reviews":{}}']) {
      storage.setItem(KEY, text);
      expect(store.readProgress()).toEqual({ version: 1, labs: {}, reviews: {} });
    }
    const stored = JSON.stringify({
      version: 1,
      labs: {
        good: { steps: { s: { checks: { a: 'pass', b: 'maybe' }, passedAt: 'yesterday' } }, completedAt: 9 },
        bad: 'x',
        polluter: { steps: {} },
      },
      reviews: { '1.1': { answers: { q: { correct: 'yes', at: 1 }, r: { correct: true, at: 2 } } } },
    });
    storage.setItem(KEY, stored.replace('"polluter"', '"__proto__"'));
    const progress = store.readProgress();
    expect(Object.getPrototypeOf(progress.labs)).toBe(Object.prototype);
    expect(progress).toEqual({
      version: 1,
      labs: { good: { steps: { s: { checks: { a: 'pass' } } }, completedAt: 9 } },
      reviews: { '1.1': { answers: { r: { correct: true, at: 2 } } } },
    });
    // A write replaces the stored text with well-formed progress.
    store.recordAnswer('1.1', ['r'], 'r', true);
    expect(JSON.parse(storage.getItem(KEY)!).labs.bad).toBeUndefined();
  });

  it('works in memory when storage is missing, forbidden or full', async () => {
    for (const storage of [undefined, memoryStorage({ broken: true }), memoryStorage({ full: true })]) {
      const store = await freshStore(storage);
      expect(store.readProgress().labs).toEqual({});
      store.recordChecks('lab', ['one'], [{ step: 'one', id: 'a', status: 'pass' }]);
      expect(store.labStatus(store.readProgress(), 'lab', ['one'])).toBe('done');
      expect(JSON.parse(store.exportProgress()).labs.lab.completedAt).toBe(1_000);
    }
  });

  it('does not let a caller change the stored progress through what it read', async () => {
    const store = await freshStore(undefined);
    store.recordAnswer('1.1', ['q'], 'q', true);
    store.readProgress().reviews['1.1']!.answers['q']!.correct = false;
    expect(store.readProgress().reviews['1.1']!.answers['q']!.correct).toBe(true);
  });
});

describe('export and import', () => {
  it('round-trips: export, clear, import gives the same progress', async () => {
    const storage = memoryStorage();
    const store = await freshStore(storage);
    store.recordChecks('request-routing', STEPS, [{ step: 'route-all-v1', id: 'anonymous-v1', status: 'pass' }]);
    store.recordAnswer('3.1', ['first-match'], 'first-match', true);
    const before = store.readProgress();
    const file = store.exportProgress();
    expect(JSON.parse(file)).toMatchObject({ format: 'meshdojo-progress', version: 1 });

    storage.clear();
    expect(store.readProgress()).toEqual({ version: 1, labs: {}, reviews: {} });
    expect(store.importProgress(file)).toEqual({ ok: true });
    expect(store.readProgress()).toEqual(before);
  });

  it('merges into what is here: nothing either side holds is lost', async () => {
    const store = await freshStore(memoryStorage());
    store.recordChecks('lab', ['one', 'two'], [{ step: 'one', id: 'a', status: 'pass' }]);
    store.recordAnswer('1.1', ['q', 'r'], 'q', false);
    vi.setSystemTime(4_000);
    const file = JSON.stringify({
      version: 1,
      labs: {
        lab: { steps: { one: { checks: { a: 'pass' }, passedAt: 500 }, two: { checks: { b: 'fail' } } } },
        other: { steps: {} },
      },
      reviews: { '1.1': { answers: { q: { correct: true, at: 3_000 }, r: { correct: true, at: 100 } } } },
    });
    expect(store.importProgress(file)).toEqual({ ok: true });
    expect(store.readProgress()).toEqual({
      version: 1,
      labs: {
        lab: { steps: { one: { checks: { a: 'pass' }, passedAt: 500 }, two: { checks: { b: 'fail' } } } },
        other: { steps: {} },
      },
      reviews: { '1.1': { answers: { q: { correct: true, at: 3_000 }, r: { correct: true, at: 100 } } } },
    });
  });

  it('refuses what is not progress, saying why, and changes nothing', async () => {
    const store = await freshStore(memoryStorage());
    store.recordAnswer('1.1', ['q'], 'q', true);
    const before = store.readProgress();
    const cases: [string, string][] = [
      ['', 'not-json'],
      ['PK\u0003\u0004 a zip', 'not-json'],
      ['{"version":1,"labs":{}}', 'not-progress'],
      ['{"name":"package.json"}', 'not-progress'],
      ['[1,2,3]', 'not-progress'],
      ['{"version":2}', 'not-progress'],
      ['{"format":"meshdojo-progress","version":2,"labs":{}}', 'newer-version'],
      ['{"version":3,"labs":{},"reviews":{}}', 'newer-version'],
      [' '.repeat(2_000_001), 'not-progress'],
    ];
    for (const [text, reason] of cases) {
      expect(store.importProgress(text), text.slice(0, 40)).toEqual({ ok: false, reason });
    }
    expect(store.readProgress()).toEqual(before);
  });

  it('accepts a file saved with a byte-order mark', async () => {
    const store = await freshStore(memoryStorage());
    expect(store.importProgress('\uFEFF{"version":1,"labs":{},"reviews":{}}')).toEqual({ ok: true });
  });
});
