/** The instructor's routes: the key exchange, creating and listing workshops, the board, and running the room. */
import {
  createWorkshopSchema,
  instructorSessionSchema,
  messageSchema,
  unlockSchema,
  type BoardSnapshot,
  type Message,
  type Workshop,
} from '../protocol';
import { existingWorkshop, INSTRUCTOR_COOKIE, instructorSessionValue, refuseClosed, requireInstructor } from './access';
import { keysMatch, newId, newJoinCode } from './credentials';
import { HttpError } from './http-error';
import { addCookie, cookie, readBody, sendEmpty, sendJson } from './http-io';
import { resultRows, resultsCsv } from './results-csv';
import type { Route, RouteContext } from './route';

/** The instructor's cookie lasts a long day of teaching. */
const SESSION_SECONDS = 24 * 60 * 60;
/** Join codes are random; on the rare clash with an open workshop's code, draw again. */
const CODE_ATTEMPTS = 5;

async function createWorkshop(context: RouteContext): Promise<Workshop> {
  const input = await readBody(context.req, createWorkshopSchema);
  const unknown = input.labs.filter((lab) => !context.api.labSteps.has(lab));
  if (unknown.length > 0) throw new HttpError(400, 'unknown-lab', `not labs of this course: ${unknown.join(', ')}`);
  if (new Set(input.labs).size !== input.labs.length)
    throw new HttpError(400, 'duplicate-lab', 'a lab is listed twice');
  for (let attempt = 1; ; attempt++) {
    const code = newJoinCode();
    if ((await context.api.store.workshopByCode(code)) !== undefined && attempt < CODE_ATTEMPTS) continue;
    return context.api.store.createWorkshop({ ...input, id: newId(), code });
  }
}

/** The workshop of the path, for the instructor only. */
async function instructorsWorkshop(context: RouteContext): Promise<Workshop> {
  requireInstructor(context);
  return existingWorkshop(context, context.params['id']);
}

export const instructorRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/api/instructor/session',
    async handle({ req, res, api }) {
      const { key } = await readBody(req, instructorSessionSchema);
      if (!keysMatch(key, api.instructorKey)) throw new HttpError(401, 'wrong-key', 'that is not the instructor key');
      addCookie(res, cookie(INSTRUCTOR_COOKIE, instructorSessionValue(api.instructorKey), 'Strict', SESSION_SECONDS));
      sendEmpty(res);
    },
  },
  {
    method: 'GET',
    path: '/api/workshops',
    async handle(context) {
      requireInstructor(context);
      sendJson(context.res, 200, await context.api.store.workshops());
    },
  },
  {
    method: 'POST',
    path: '/api/workshops',
    async handle(context) {
      requireInstructor(context);
      sendJson(context.res, 201, await createWorkshop(context));
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/:id/board',
    async handle(context) {
      const workshop = await instructorsWorkshop(context);
      const events = await context.api.store.events(workshop.id);
      const board: BoardSnapshot = { workshop, events, seq: events.at(-1)?.seq ?? 0, now: context.api.clock() };
      sendJson(context.res, 200, board);
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/:id/events',
    async handle(context) {
      const workshop = await instructorsWorkshop(context);
      await context.api.streams.open(context.req, context.res, workshop.id);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/:id/messages',
    async handle(context) {
      const workshop = await instructorsWorkshop(context);
      const input = await readBody(context.req, messageSchema);
      refuseClosed(workshop);
      const { countdownSeconds, text } = input;
      const countdown =
        countdownSeconds === undefined ? {} : { countdownEndsAt: context.api.clock() + countdownSeconds * 1000 };
      const event = await context.api.store.append(workshop.id, {
        type: 'message',
        message: { id: newId(), text, ...countdown },
      });
      sendJson(context.res, 201, (event as { message: Message }).message);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/:id/unlock',
    async handle(context) {
      const workshop = await instructorsWorkshop(context);
      const { through } = await readBody(context.req, unlockSchema);
      refuseClosed(workshop);
      if (through >= workshop.labs.length)
        throw new HttpError(400, 'no-such-lab', `the workshop has ${workshop.labs.length} labs`);
      await context.api.store.append(workshop.id, { type: 'unlocked', through });
      sendEmpty(context.res);
    },
  },
  {
    method: 'POST',
    path: '/api/workshops/:id/close',
    async handle(context) {
      const workshop = await instructorsWorkshop(context);
      refuseClosed(workshop);
      await context.api.store.append(workshop.id, { type: 'closed' });
      sendEmpty(context.res);
    },
  },
  {
    method: 'GET',
    path: '/api/workshops/:id/results.csv',
    async handle(context) {
      const workshop = await instructorsWorkshop(context);
      const rows = resultRows(workshop, await context.api.store.events(workshop.id), context.api.labSteps);
      const body = resultsCsv(rows);
      context.res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="workshop-${workshop.code}-results.csv"`,
        'content-length': Buffer.byteLength(body),
      });
      context.res.end(body);
    },
  },
];
