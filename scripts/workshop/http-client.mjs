// A small HTTP client for the workshop scripts: a "browser" with its own cookie jar and its own loopback source
// address (Linux routes all of 127.0.0.0/8 to lo), so 500 simulated learners look like 500 machines to the
// server's per-address rate limit, as a real room does; and a Server-Sent Events reader.
import { Agent, request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';

/** The n-th loopback address after 127.0.0.1: 127.0.1.0, 127.0.1.1, … (n < 65 000). */
export function loopbackAddress(n) {
  return `127.0.${1 + Math.floor(n / 256)}.${n % 256}`;
}

/** One raw request; resolves with { status, headers, text } (never rejects on an HTTP status). */
export function rawRequest(
  base,
  { method = 'GET', path = '/', headers = {}, body, agent, localAddress, timeoutMs = 15_000 },
) {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers, agent, localAddress },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export class Browser {
  constructor(base, localAddress) {
    this.base = base;
    this.localAddress = localAddress;
    this.agent = new Agent({ keepAlive: true, maxSockets: 2, localAddress });
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method, path, json) {
    const headers = { cookie: this.cookieHeader() };
    let body;
    if (json !== undefined) {
      body = JSON.stringify(json);
      headers['content-type'] = 'application/json';
    }
    const answer = await rawRequest(this.base, { method, path, headers, body, agent: this.agent });
    for (const line of [answer.headers['set-cookie'] ?? []].flat()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    let parsed;
    try {
      parsed = answer.text ? JSON.parse(answer.text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { ...answer, json: parsed };
  }

  async expect(status, method, path, json) {
    const answer = await this.request(method, path, json);
    if (answer.status !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return answer.json;
  }

  /**
   * As a learner's report queue does: a request whose answer was lost (a connection reset) or refused for now
   * (429) is sent again, the same body, after a pause; the run ids make that safe. Resolves with the answer and
   * how many attempts were repeated.
   */
  async persist(method, path, json, { attempts = 10, pauseMs = 250 } = {}) {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.request(method, path, json).catch((error) => ({ error }));
      const retry = answer.error !== undefined || answer.status === 429;
      if (!retry || attempt + 1 >= attempts) {
        if (answer.error) throw answer.error;
        return { answer, retries: attempt };
      }
      this.agent.destroy();
      await new Promise((resolve) => setTimeout(resolve, pauseMs * (attempt + 1)));
    }
  }

  close() {
    this.agent.destroy();
  }
}

/** Logs in as the instructor and creates a workshop; returns { instructor, workshop }. */
export async function createWorkshop(base, key, labs = ['request-routing'], localAddress = '127.0.0.1') {
  const instructor = new Browser(base, localAddress);
  await instructor.expect(204, 'POST', '/api/instructor/session', { key });
  const workshop = await instructor.expect(201, 'POST', '/api/workshops', {
    title: 'Bench 워크숍',
    labs,
    locale: 'en',
    pacing: 'open',
  });
  return { instructor, workshop };
}

/** A check run as a learner's browser reports it. */
export function checkRun(lab = 'request-routing', step = 'route-all-to-v1') {
  return { id: randomUUID(), lab, at: Date.now(), results: [{ step, check: 'routes-to-v1', status: 'pass' }] };
}

/**
 * Opens an SSE stream with `browser`'s cookies; calls onEvent({ id, event, data }) for each event. Resolves
 * once the stream answered 200 (rejects otherwise), with { close() }.
 */
export function openEventStream(browser, path, onEvent, lastEventId) {
  const url = new URL(path, browser.base);
  const headers = { accept: 'text/event-stream', cookie: browser.cookieHeader() };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers,
        localAddress: browser.localAddress,
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`${path}: stream answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            const event = { data: '' };
            for (const line of block.split(/\r?\n/)) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'data') event.data += (event.data ? '\n' : '') + value;
              else if (field === 'id' || field === 'event') event[field] = value;
            }
            if (event.event || event.data) onEvent(event);
          }
        });
        res.on('error', () => {});
        resolve({ close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
