import { describe, expect, it } from 'vitest';
import { PageHistory } from './page-history';

describe('the browser tab’s history', () => {
  it('goes back and forward, and a new address drops what was ahead', () => {
    const history = new PageHistory();
    expect(history.current).toBeUndefined();
    expect(history.canGoBack).toBe(false);
    history.push('http://a/1');
    history.push('http://a/2');
    history.push('http://a/3');
    expect(history.back()).toBe('http://a/2');
    expect(history.back()).toBe('http://a/1');
    expect(history.back()).toBeUndefined();
    expect(history.forward()).toBe('http://a/2');
    expect(history.canGoForward).toBe(true);
    history.push('http://a/4');
    expect(history.canGoForward).toBe(false);
    expect(history.forward()).toBeUndefined();
    expect(history.back()).toBe('http://a/2');
    expect(history.current).toBe('http://a/2');
  });
});
