import { describe, expect, it } from 'vitest';
import type { RequestSummary, RequestView } from '../../../runtime/types';
import { labStrings } from '../strings';
import { clientLabel, editCommand, listStatus, movedChoice, openLabel, rowCells, serverLabel } from './requests-model';

const summary: RequestSummary = {
  id: 'a1',
  method: 'GET',
  authority: 'reviews:9080',
  path: '/reviews/0',
  status: 503,
  flags: 'UO',
  durationMs: 12,
  done: true,
};
const view = (first: RequestView['hops'][number]['kind'], server?: string): RequestView => ({
  ...summary,
  answer: '→ 503 UO in 12ms',
  hops: [{ kind: first, role: 'r', proxy: 'productpage-v1-1.default', listener: 'l', decisions: [] }],
  ...(server !== undefined && { server }),
  children: [],
});

describe('the Requests tab’s words', () => {
  it('shows a row as meshdojo trace list does, with dashes for a request still in progress', () => {
    expect(rowCells(summary)).toEqual({
      method: 'GET',
      authority: 'reviews:9080',
      path: '/reviews/0',
      code: '503',
      flags: 'UO',
      duration: '12ms',
    });
    expect(rowCells({ ...summary, done: false, status: 0, flags: '-' })).toMatchObject({ code: '-', duration: '-' });
  });

  it('counts the requests in each language, and says when recording is off or nothing was recorded', async () => {
    const [en, ko] = await Promise.all([labStrings('en'), labStrings('ko')]);
    expect(listStatus({ recording: true, requests: [summary] }, en, 'en')).toMatch(/^1 recent request\./);
    expect(listStatus({ recording: true, requests: [summary, summary] }, en, 'en')).toMatch(/^2 recent requests/);
    expect(listStatus({ recording: true, requests: [summary] }, ko, 'ko')).toMatch(/^최근 요청 1개입니다/);
    expect(listStatus({ recording: false, requests: [] }, en, 'en')).toBe(
      `${en['lab.requests.empty']} ${en['lab.requests.off']}`,
    );
    expect(listStatus({ recording: false, requests: [] }, ko, 'ko')).toContain('meshdojo trace on');
  });

  it('names the client and the server at the ends of the path', async () => {
    const [en, ko] = await Promise.all([labStrings('en'), labStrings('ko')]);
    expect(clientLabel(view('outbound'), en)).toBe('The app in productpage-v1-1.default');
    expect(clientLabel(view('outbound'), ko)).toBe('productpage-v1-1.default의 앱');
    expect(clientLabel(view('gateway'), en)).toBe('A client without a sidecar');
    expect(serverLabel(view('inbound', '10.0.0.7:9080'), en)).toBe('The server at 10.0.0.7:9080');
    expect(serverLabel(view('outbound'), en)).toBeUndefined();
  });

  it('opens an object with the kubectl edit a learner would type', async () => {
    const object = { kind: 'AuthorizationPolicy', namespace: 'foo', name: 'deny-post' } as const;
    expect(editCommand(object)).toBe('kubectl edit authorizationpolicy deny-post -n foo');
    expect(editCommand({ kind: 'VirtualService', namespace: 'default', name: 'reviews' })).toBe(
      'kubectl edit virtualservice reviews -n default',
    );
    expect(openLabel(object, await labStrings('en'))).toBe('Open AuthorizationPolicy foo/deny-post');
    expect(openLabel(object, await labStrings('ko'))).toBe('AuthorizationPolicy foo/deny-post 열기');
  });

  it('moves the choice with the arrow keys, Home, End and the page keys, never past either end', () => {
    expect(movedChoice('ArrowDown', -1, 5)).toBe(0);
    expect(movedChoice('ArrowDown', 4, 5)).toBe(4);
    expect(movedChoice('ArrowUp', 0, 5)).toBe(0);
    expect(movedChoice('ArrowUp', -1, 5)).toBe(0);
    expect(movedChoice('End', 1, 5)).toBe(4);
    expect(movedChoice('Home', 3, 5)).toBe(0);
    expect(movedChoice('PageDown', 1, 30)).toBe(11);
    expect(movedChoice('PageUp', 3, 30)).toBe(0);
    expect(movedChoice('Enter', 1, 5)).toBeUndefined();
    expect(movedChoice('ArrowDown', -1, 0)).toBeUndefined();
  });
});
