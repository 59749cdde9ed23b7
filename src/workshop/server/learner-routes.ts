/** The learner's routes: joining with a code, their own view and stream, and reporting their check runs. */
import {
  LEARNER_EVENT_TYPES,
  joinSchema,
  reportRunsSchema,
  type LearnerView,
  type ReportRunsAnswer,
  type Seat,
  type Workshop,
} from '../protocol';
import { refuseClosed, requireSeat, seatCookieName, seatOf } from './access';
import { newId, newSecret, tokenHash } from './credentials';
import { HttpError, rateLimited } from './http-error';
import { addCookie, cookie, readBody, sendJson } from './http-io';
import type { Route, RouteContext } from './route';

/** A seat is kept a week: a two-day workshop, a browser closed overnight, still the same learner. */
const SEAT_SECONDS = 7 * 24 * 60 * 60;

async function viewOf({ api }: RouteContext, workshop: Workshop, seat: Seat): Promise<LearnerView> {
  // The seq before the messages: an event appended between the two reads is sent again by the stream, not lost.
  const seq = await api.store.lastSeq(workshop.id);
  return { workshop, seat, messages: await api.store.messages(workshop.id), seq, now: api.clock() };
}

export const learnerRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/api/join',
    async handle(context) {
      const { code, name } = await readBody(context.req, joinSchema);
      const workshop = await context.api.store.workshopByCode(code);
      if (workshop === undefined) throw new HttpError(404, 'unknown-code', 'no open workshop has this code');
      // The same browser joining again (a reload, a closed tab) gets its seat back, and its results with it.
      const kept = await seatOf(context, workshop);
      if (kept !== undefined) {
        sendJson(context.res, 200, await viewOf(context, workshop, kept));
        return;
      }
      const token = newSecret();
      const seat = await context.api.store.addSeat(workshop.id, { id: newId(), name, tokenHash: tokenHash(token) });
      addCookie(context.res, cookie(seatCookieName(workshop.id), token, 'Lax', SEAT_SECONDS));
      sendJson(context.res, 200, await viewOf(context, workshop, seat));
    },
  },
  {
    method: 'GET',
    path: '/api/me',
    async handle(context) {
      const { workshop, seat } = await requireSeat(context);
      sendJson(context.res, 200, await viewOf(context, workshop, seat));
    },
  },
  {
    method: 'GET',
    path: '/api/me/events',
    async handle(context) {
      const { workshop } = await requireSeat(context);
      await context.api.streams.open(context.req, context.res, workshop.id, LEARNER_EVENT_TYPES);
    },
  },
  {
    method: 'POST',
    path: '/api/me/runs',
    async handle(context) {
      const { workshop, seat } = await requireSeat(context);
      if (!context.api.takeSeatToken(seat.id)) throw rateLimited();
      const { runs } = await readBody(context.req, reportRunsSchema);
      refuseClosed(workshop);
      const foreign = runs.find((run) => !workshop.labs.includes(run.lab));
      if (foreign !== undefined)
        throw new HttpError(400, 'unknown-lab', `${foreign.lab} is not a lab of this workshop`);
      const answer: ReportRunsAnswer = await context.api.store.recordRuns(workshop.id, seat.id, runs);
      sendJson(context.res, 200, answer);
    },
  },
];
