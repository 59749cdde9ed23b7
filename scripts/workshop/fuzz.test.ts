// The fuzz run in small (300 requests), so the suite guards it: malformed and hostile requests are answered with
// 4xx (2xx when valid), never 5xx, and the server still serves its learner after. `npm run fuzz:workshop` sends
// 10,000 to the real command.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/workshop/server/test-kit';
import { describeFuzz, runFuzz } from './fuzz.mjs';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

it('answers 300 random or malformed requests without a 5xx, and stays alive', async () => {
  const result = await runFuzz({ base: server.url, key: server.key, count: 300, seed: 7 });
  const report = describeFuzz(result);
  expect(result.serverErrors, report).toEqual([]);
  expect(result.silent, report).toEqual([]);
  expect(result.alive, report).toBe(true);
}, 60_000);
