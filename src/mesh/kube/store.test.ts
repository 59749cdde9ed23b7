import { describe, expect, it } from 'vitest';
import { ObjectStore } from './store';
import type { KubeObject, WatchEvent } from './types';

function cm(name: string, data: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '',
      generation: 0,
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    data,
  };
}

describe('ObjectStore', () => {
  it('bumps one global resourceVersion on every write and skips writes that change nothing', () => {
    const store = new ObjectStore((e) => {
      throw e;
    });
    const a = store.insert('ConfigMap', cm('a', { k: '1' }));
    const b = store.insert('ConfigMap', cm('b', { k: '1' }));
    expect([a.metadata.resourceVersion, b.metadata.resourceVersion]).toEqual(['1', '2']);
    const same = store.update('ConfigMap', cm('a', { k: '1' }));
    expect(same.metadata.resourceVersion).toBe('1');
    const changed = store.update('ConfigMap', cm('a', { k: '2' }));
    expect(changed.metadata.resourceVersion).toBe('3');
    expect(changed.metadata.generation).toBe(2); // data is outside metadata/status
    const relabelled = cm('a', { k: '2' });
    relabelled.metadata.labels = { x: 'y' };
    expect(store.update('ConfigMap', relabelled).metadata.generation).toBe(2);
  });

  it('delivers events to every watcher in write order, even when a watcher writes', () => {
    const store = new ObjectStore((e) => {
      throw e;
    });
    const seen: string[][] = [[], []];
    const describe = (e: WatchEvent): string =>
      `${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion}`;
    store.watch('ConfigMap', (e) => {
      seen[0]!.push(describe(e));
      if (e.type === 'ADDED' && e.object.metadata.name === 'a') store.insert('ConfigMap', cm('from-handler', {}));
    });
    store.watch(undefined, (e) => seen[1]!.push(describe(e)));
    store.insert('ConfigMap', cm('a', {}));
    store.update('ConfigMap', cm('a', { k: 'v' }));
    store.remove('ConfigMap', 'default', 'a');
    const expected = ['ADDED a@1', 'ADDED from-handler@2', 'MODIFIED a@3', 'DELETED a@4'];
    expect(seen[0]).toEqual(expected);
    expect(seen[1]).toEqual(expected);
  });

  it('replays existing objects to a new watcher when asked, and stops after unwatch', () => {
    const store = new ObjectStore((e) => {
      throw e;
    });
    store.insert('ConfigMap', cm('b', {}));
    store.insert('ConfigMap', cm('a', {}));
    const seen: string[] = [];
    const stop = store.watch('ConfigMap', (e) => seen.push(`${e.type} ${e.object.metadata.name}`), { replay: true });
    stop();
    store.insert('ConfigMap', cm('c', {}));
    expect(seen).toEqual(['ADDED a', 'ADDED b']);
  });

  it('hands out copies', () => {
    const store = new ObjectStore((e) => {
      throw e;
    });
    store.insert('ConfigMap', cm('a', { k: '1' }));
    const copy = store.get('ConfigMap', 'default', 'a')!;
    (copy.data as Record<string, string>).k = 'changed';
    expect((store.get('ConfigMap', 'default', 'a')!.data as Record<string, string>).k).toBe('1');
  });

  it('keeps what it is given frozen, and gives watchers the stored object itself, which nobody can change', () => {
    const store = new ObjectStore((e) => {
      throw e;
    });
    const events: WatchEvent[] = [];
    store.watch(undefined, (e) => events.push(e));
    const given = cm('a', { k: '1' });
    store.insert('ConfigMap', given);
    store.update('ConfigMap', cm('a', { k: '2' }));
    const [added, modified] = events;
    expect(added!.object).toBe(given);
    expect(modified!.oldObject).toBe(given);
    expect(() => {
      (given.data as Record<string, string>).k = 'behind the store';
    }).toThrow(TypeError);
    expect(() => {
      modified!.object.metadata.labels = { x: 'y' };
    }).toThrow(TypeError);
    expect((store.get('ConfigMap', 'default', 'a')!.data as Record<string, string>).k).toBe('2');
  });
});
