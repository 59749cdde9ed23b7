import { describe, expect, it } from 'vitest';
import type { Headers, HttpHandler } from '../../net';
import { HttpClient } from '../http-client';
import { TestCluster } from '../testing/test-cluster';

const IMAGE = (service: string): string => `docker.io/istio/examples-bookinfo-${service}:1.20.3`;

interface Options {
  reviews?: 'v1' | 'v2' | 'v3' | HttpHandler;
  details?: 'real' | 'missing' | HttpHandler;
  ratings?: 'real' | 'missing' | HttpHandler;
}

/** Bookinfo wired pod to pod (no sidecars): each service name resolves to its single pod. */
function bookinfo(options: Options = {}) {
  const cluster = new TestCluster();
  const { details = 'real', ratings = 'real', reviews = 'v1' } = options;
  if (details === 'real') cluster.deploy(IMAGE('details-v1'), 'details-v1-79dfbd6fff-2xk8p', 'details');
  else if (details !== 'missing') cluster.serve('details', 9080, details);
  if (ratings === 'real') cluster.deploy(IMAGE('ratings-v1'), 'ratings-v1-6cf6bc7c85-9m6kj', 'ratings');
  else if (ratings !== 'missing') cluster.serve('ratings', 9080, ratings);
  if (typeof reviews === 'string')
    cluster.deploy(IMAGE(`reviews-${reviews}`), `reviews-${reviews}-5c5b7b9f8d-7vqxq`, 'reviews');
  else cluster.serve('reviews', 9080, reviews);
  cluster.deploy(IMAGE('productpage-v1'), 'productpage-v1-d5789fdfb-4pn5r', 'productpage');
  const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
  const get = (path: string, headers: Headers = {}) => client.get(`http://productpage:9080${path}`, { headers });
  return { cluster, client, get };
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('productpage', () => {
  it('renders the page with details and v1 reviews (no stars)', async () => {
    const { cluster, get } = bookinfo({ reviews: 'v1' });
    const page = await cluster.run(() => get('/productpage'));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>Simple Bookstore App</title>');
    expect(page.body).toContain('The Comedy of Errors');
    expect(page.body).toContain("<b>William Shakespeare's</b>");
    expect(page.body).toContain('Book Details');
    expect(page.body).toContain('PublisherA');
    expect(page.body).toContain('Book Reviews');
    expect(page.body).toContain('An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!');
    expect(page.body).toMatch(/Reviews served by:<\/dt>\s*<u>reviews-v1-5c5b7b9f8d-7vqxq<\/u>/);
    expect(page.body).not.toContain('glyphicon-star');
  });

  it.each([
    ['v2', 'black'],
    ['v3', 'red'],
  ] as const)('shows %s stars in %s: 5 for Reviewer1 and 4 + 1 empty for Reviewer2', async (version, color) => {
    const { cluster, get } = bookinfo({ reviews: version });
    const { body } = await cluster.run(() => get('/productpage'));
    expect(count(body, '<span class="glyphicon glyphicon-star"></span>')).toBe(9);
    expect(count(body, '<span class="glyphicon glyphicon-star-empty"></span>')).toBe(1);
    expect(count(body, `<font color="${color}">`)).toBe(2);
    expect(body).toContain(`reviews-${version}-5c5b7b9f8d-7vqxq`);
  });

  it('signs jason in with a session cookie and forwards him as end-user to details and reviews', async () => {
    const seen: Record<string, Headers> = {};
    const recorder =
      (name: string, body: unknown): HttpHandler =>
      async (request) => {
        seen[name] = request.headers;
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      };
    const { cluster, client, get } = bookinfo({
      details: recorder('details', { id: 0, publisher: 'PublisherA' }),
      reviews: recorder('reviews', { id: '0', podname: 'reviews-v2-x', clustername: 'null', reviews: [] }),
    });
    const { login, page, logout } = await cluster.run(async () => {
      const login = await client.request('http://productpage:9080/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'http://gateway/productpage' },
        body: 'username=jason&passwd=',
      });
      const cookie = login.headers['set-cookie']!.split(';')[0]!;
      const page = await get('/productpage', { cookie, 'x-request-id': 'req-1', 'user-agent': 'curl/8.16.0' });
      const logout = await get('/logout', { cookie });
      return { login, page, logout };
    });
    expect(login.status).toBe(302);
    expect(login.headers['location']).toBe('http://gateway/productpage');
    expect(login.headers['set-cookie']).toMatch(/^session=[\w-]+\.[\w-]+\.[\w-]+; HttpOnly; Path=\/$/);
    expect(page.body).toContain('jason ( <a href="logout">sign out</a> )');
    for (const service of ['details', 'reviews']) {
      expect(seen[service]).toMatchObject({
        'end-user': 'jason',
        'x-request-id': 'req-1',
        'user-agent': 'curl/8.16.0',
      });
      expect(seen[service]?.['x-b3-traceid']).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(logout.status).toBe(302);
    expect(logout.headers['set-cookie']).toMatch(/^session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0/);
  });

  it('tries reviews twice with a 3 s timeout each when reviews hangs: the page takes 6 s', async () => {
    let calls = 0;
    const { cluster, get } = bookinfo({
      reviews: () => {
        calls++;
        return new Promise(() => undefined);
      },
    });
    const { page, took } = await cluster.run(async () => {
      const started = cluster.clock.now();
      const page = await get('/productpage');
      return { page, took: cluster.clock.now() - started };
    });
    expect(calls).toBe(2);
    expect(took).toBe(6000);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Error fetching product reviews');
    expect(page.body).toContain('Sorry, product reviews are currently unavailable for this book.');
    expect(page.body).not.toContain('Book Reviews');
    expect(page.body).toContain('Book Details');
    expect(page.body).toContain('William Shakespeare');
  });

  it('gives details one try of 3 s, and says details are unavailable when they fail', async () => {
    let calls = 0;
    const hanging = bookinfo({ details: () => (calls++, new Promise(() => undefined)) });
    const took = await hanging.cluster.run(async () => {
      const started = hanging.cluster.clock.now();
      await hanging.get('/productpage');
      return hanging.cluster.clock.now() - started;
    });
    expect([calls, took]).toEqual([1, 3000]);

    const missing = bookinfo({ details: 'missing' });
    const page = await missing.cluster.run(() => missing.get('/productpage'));
    expect(page.body).toContain('Error fetching product details');
    expect(page.body).toContain('Sorry, product details are currently unavailable for this book.');
    expect(page.body).not.toContain('Book Details');
    expect(page.body).toContain('Book Reviews');
    expect(page.body).toContain("<b>William Shakespeare's</b>");
  });

  it('shows "Ratings service is currently unavailable" when reviews cannot reach ratings', async () => {
    const { cluster, get } = bookinfo({ reviews: 'v2', ratings: 'missing' });
    const page = await cluster.run(() => get('/productpage'));
    expect(count(page.body, 'Ratings service is currently unavailable')).toBe(2);
    expect(page.body).not.toContain('glyphicon-star');
    expect(page.body).toContain('Book Reviews');
  });

  it('reproduces the fault-injection finding: with ratings 7 s late, v2 (10 s timeout) outlasts both 3 s tries', async () => {
    const v2 = bookinfo({
      reviews: 'v2',
      ratings: async () => {
        await v2.cluster.clock.sleep(7000);
        return { status: 200, headers: {}, body: '{"id":0,"ratings":{"Reviewer1":5,"Reviewer2":4}}' };
      },
    });
    const v2Page = await v2.cluster.run(() => v2.get('/productpage'));
    expect(v2Page.body).toContain('Sorry, product reviews are currently unavailable for this book.');
    expect(v2Page.elapsedMs).toBe(6000);
  });

  it('lets v3 give up on slow ratings after 2.5 s and still render reviews', async () => {
    const v3 = bookinfo({ reviews: 'v3', ratings: () => new Promise(() => undefined) });
    const page = await v3.cluster.run(() => v3.get('/productpage'));
    expect(page.elapsedMs).toBe(2500);
    expect(count(page.body, 'Ratings service is currently unavailable')).toBe(2);
  });

  it('serves /health, the index page and the /api/v1/products JSON API', async () => {
    const { cluster, get } = bookinfo({ reviews: 'v3' });
    const [health, index, products, details, reviews, ratings, missing, badMethod] = await cluster.run(async () => [
      await get('/health'),
      await get('/'),
      await get('/api/v1/products'),
      await get('/api/v1/products/0'),
      await get('/api/v1/products/0/reviews'),
      await get('/api/v1/products/0/ratings'),
      await get('/nope'),
      await get('/login'),
    ]);
    expect(health.body).toBe('Product page is healthy');
    expect(index.body).toContain('Normal user');
    expect(JSON.parse(products.body)).toEqual([expect.objectContaining({ id: 0, title: 'The Comedy of Errors' })]);
    expect(JSON.parse(details!.body)).toMatchObject({ author: 'William Shakespeare', 'ISBN-13': '123-1234567890' });
    expect(JSON.parse(reviews!.body)).toMatchObject({ podname: 'reviews-v3-5c5b7b9f8d-7vqxq', clustername: 'null' });
    expect(JSON.parse(ratings!.body)).toEqual({ id: 0, ratings: { Reviewer1: 5, Reviewer2: 4 } });
    expect(missing!.status).toBe(404);
    expect(badMethod!.status).toBe(405);
  });
});

describe('details, reviews and ratings', () => {
  it('answer with the JSON shapes of the real services', async () => {
    const { cluster, client } = bookinfo({ reviews: 'v2' });
    const [details, badId, reviews, ratings, ratingsHealth] = await cluster.run(async () => [
      await client.get('http://details:9080/details/0'),
      await client.get('http://details:9080/details/abc'),
      await client.get('http://reviews:9080/reviews/0'),
      await client.get('http://ratings:9080/ratings/0'),
      await client.get('http://ratings:9080/health'),
    ]);
    expect(JSON.parse(details.body)).toEqual({
      id: 0,
      author: 'William Shakespeare',
      year: 1595,
      type: 'paperback',
      pages: 200,
      publisher: 'PublisherA',
      language: 'English',
      'ISBN-10': '1234567890',
      'ISBN-13': '123-1234567890',
    });
    expect([badId.status, JSON.parse(badId.body)]).toEqual([400, { error: 'please provide numeric product id' }]);
    expect(JSON.parse(reviews.body)).toEqual({
      id: '0',
      podname: 'reviews-v2-5c5b7b9f8d-7vqxq',
      clustername: 'null',
      reviews: [
        expect.objectContaining({ reviewer: 'Reviewer1', rating: { stars: 5, color: 'black' } }),
        expect.objectContaining({ reviewer: 'Reviewer2', rating: { stars: 4, color: 'black' } }),
      ],
    });
    expect(ratings.body).toBe('{"id":0,"ratings":{"Reviewer1":5,"Reviewer2":4}}');
    expect(JSON.parse(ratingsHealth.body)).toEqual({ status: 'Ratings is healthy' });
  });

  it('reviews v1 never calls ratings', async () => {
    let ratingsCalls = 0;
    const { cluster, client } = bookinfo({
      reviews: 'v1',
      ratings: async () => (ratingsCalls++, { status: 200, headers: {}, body: '{}' }),
    });
    const reviews = await cluster.run(() => client.get('http://reviews:9080/reviews/0'));
    expect(ratingsCalls).toBe(0);
    expect(JSON.parse(reviews.body).reviews[0]).not.toHaveProperty('rating');
  });
});
