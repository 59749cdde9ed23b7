import { describe, expect, it } from 'vitest';
import { HistorySearch } from './history-search';

describe('Ctrl-R', () => {
  const history = ['kubectl get pods', 'curl -s http://gw/productpage', 'kubectl apply -f vs.yaml', 'echo hi'];

  it('finds the latest line holding the query as it is typed, and older ones on Ctrl-R', () => {
    const search = new HistorySearch(history);
    expect(search.match).toBeUndefined();
    expect(search.prompt).toBe("(reverse-i-search)`': ");
    search.type('k');
    expect(search.match).toBe('kubectl apply -f vs.yaml');
    search.type('ubectl');
    expect(search.match).toBe('kubectl apply -f vs.yaml');
    search.older();
    expect(search.match).toBe('kubectl get pods');
    expect(search.prompt).toBe("(reverse-i-search)`kubectl': ");
  });

  it('says when nothing holds the query, keeps the last match, and recovers on erase', () => {
    const search = new HistorySearch(history);
    search.type('curl');
    search.type('x');
    expect(search.prompt).toBe("(failed reverse-i-search)`curlx': ");
    expect(search.match).toBe('curl -s http://gw/productpage');
    search.erase();
    expect(search.prompt).toBe("(reverse-i-search)`curl': ");
    search.older();
    expect(search.prompt).toMatch(/^\(failed/);
    expect(search.match).toBe('curl -s http://gw/productpage');
  });
});
