/**
 * Who is asking: the instructor (a cookie derived from the key) or a learner (a seat cookie per workshop). The
 * instructor's cookie is an HMAC of the key rather than the key itself, so it survives a restart and works on
 * every server of a shared PostgreSQL without a session table, and the key never travels again after the first
 * exchange.
 */
import { createHmac } from 'node:crypto';
import { opaqueIdSchema, type Seat, type Workshop } from '../protocol';
import { keysMatch, tokenHash } from './credentials';
import { HttpError } from './http-error';
import { cookiesOf } from './http-io';
import type { RouteContext } from './route';

export const INSTRUCTOR_COOKIE = 'meshdojo_instructor';
export const SEAT_COOKIE_PREFIX = 'meshdojo_seat_';
export const seatCookieName = (workshopId: string): string => `${SEAT_COOKIE_PREFIX}${workshopId}`;

export const instructorSessionValue = (key: string): string =>
  createHmac('sha256', key).update('meshdojo instructor session').digest('base64url');

/** Refuses anyone but the instructor: 403 for a learner (they are known, just not allowed), 401 otherwise. */
export function requireInstructor({ req, api }: RouteContext): void {
  const cookies = cookiesOf(req);
  const given = cookies.get(INSTRUCTOR_COOKIE);
  if (given !== undefined && keysMatch(given, instructorSessionValue(api.instructorKey))) return;
  if ([...cookies.keys()].some((name) => name.startsWith(SEAT_COOKIE_PREFIX)))
    throw new HttpError(403, 'instructor-only', 'only the instructor may do this');
  throw new HttpError(401, 'no-instructor-session', 'sign in with the instructor key first');
}

/** The workshop a path or query names, or 404 (a malformed id names none). */
export async function existingWorkshop({ api }: RouteContext, id: string | null | undefined): Promise<Workshop> {
  const workshop = opaqueIdSchema.safeParse(id).success ? await api.store.workshop(id as string) : undefined;
  if (workshop === undefined) throw new HttpError(404, 'unknown-workshop', 'no such workshop');
  return workshop;
}

export function refuseClosed(workshop: Workshop): void {
  if (workshop.closedAt !== undefined) throw new HttpError(409, 'workshop-closed', 'the workshop is closed');
}

/** The seat the request's cookie holds in this workshop, if any. */
export async function seatOf({ req, api }: RouteContext, workshop: Workshop): Promise<Seat | undefined> {
  const token = cookiesOf(req).get(seatCookieName(workshop.id));
  if (token === undefined || token.length > 200) return undefined;
  return api.store.seatByToken(workshop.id, tokenHash(token));
}

/** The learner's own workshop (?workshop=) and seat, or 401 without a valid seat cookie for it. */
export async function requireSeat(context: RouteContext): Promise<{ workshop: Workshop; seat: Seat }> {
  const workshop = await existingWorkshop(context, context.query.get('workshop'));
  const seat = await seatOf(context, workshop);
  if (seat === undefined) throw new HttpError(401, 'no-seat', 'join the workshop first');
  return { workshop, seat };
}
