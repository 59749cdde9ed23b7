import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UiEvent } from '../index';
import { createMeshSession, type MeshSession } from './session';

describe('xdg-open and open', () => {
  let s: MeshSession;
  const events: UiEvent[] = [];
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
    s.cluster.onUiEvent((event) => events.push(event));
  });
  afterAll(() => s.dispose());

  it('ask the UI to load a web address in the browser tab, and print nothing', async () => {
    await s.ok('export GATEWAY_URL=gw.example.com');
    expect(await s.ok('xdg-open http://$GATEWAY_URL/productpage')).toBe('');
    expect(await s.ok('open https://example.com/')).toBe('');
    expect(events).toEqual([
      { type: 'open-url', url: 'http://gw.example.com/productpage' },
      { type: 'open-url', url: 'https://example.com/' },
    ]);
  });

  it('refuse what is not a web address, with the messages and exit codes of the real tools', async () => {
    events.length = 0;
    expect(await s.run('xdg-open')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/argument missing/) });
    expect(await s.run('xdg-open notes.txt')).toMatchObject({
      exitCode: 3,
      stderr: "xdg-open: no method available for opening 'notes.txt'\n",
    });
    expect(await s.run('open notes.txt')).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/^The file \/.*\/notes\.txt does not exist\.\n$/),
    });
    expect(events).toEqual([]);
  });
});
