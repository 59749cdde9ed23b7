/**
 * The workshop's wire contract, shared by the server (src/workshop/server) and the pages (src/components/workshop):
 * what each request body may hold (zod, with size limits: the server validates every input with these), what each
 * answer holds, and the events the board and the learners' pages receive. Browser-safe: no Node module here.
 *
 * Who may do what: the instructor (the server's key, exchanged once for an httpOnly cookie) creates and runs
 * workshops and reads their boards; a learner (a seat token in an httpOnly cookie, per workshop) reports its own
 * check runs and reads its own workshop's state, never the board or another learner's data.
 */
import { z } from 'zod';

export const WORKSHOP_LOCALES = ['ko', 'en'] as const;
export type WorkshopLocale = (typeof WORKSHOP_LOCALES)[number];

/** Join codes: 6 characters without the ones people misread aloud or on a projector (0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const joinCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/, 'a join code is 6 letters and digits');

const idSchema = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'kebab-case id');
/** Server-made ids (workshops, seats, messages): URL-safe, opaque. */
export const opaqueIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** `open`: every lab of the workshop is open; `unlocked`: labs open one by one as the instructor unlocks them. */
export const PACING = ['open', 'unlocked'] as const;
export type Pacing = (typeof PACING)[number];

/** POST /api/instructor/session */
export const instructorSessionSchema = z.object({ key: z.string().min(16).max(200) }).strict();

/** POST /api/workshops */
export const createWorkshopSchema = z
  .object({
    title: z.string().trim().min(1).max(120),
    /** Lab ids in the order the room takes them (the server refuses ids that are not labs). */
    labs: z.array(idSchema).min(1).max(40),
    locale: z.enum(WORKSHOP_LOCALES),
    pacing: z.enum(PACING),
  })
  .strict();
export type CreateWorkshop = z.output<typeof createWorkshopSchema>;

/** POST /api/workshops/:id/messages — a message to everyone, with an optional countdown. */
export const messageSchema = z
  .object({
    text: z.string().trim().min(1).max(500),
    countdownSeconds: z.number().int().min(1).max(7200).optional(),
  })
  .strict();
export type MessageInput = z.output<typeof messageSchema>;

/** POST /api/workshops/:id/unlock — the labs up to and including this index (into `labs`) open. */
export const unlockSchema = z.object({ through: z.number().int().min(0).max(39) }).strict();

/** POST /api/join */
export const joinSchema = z
  .object({
    code: joinCodeSchema,
    /** What the board shows; no account, no e-mail. */
    name: z.string().trim().min(1).max(40),
  })
  .strict();

export const CHECK_STATUSES = ['pass', 'fail', 'error'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/**
 * One check run as the learner's browser saw it. `id` is made by the browser when the run ends, so a run sent
 * twice (a retry after a lost answer, a queue flushed from two tabs) is recorded once.
 */
export const checkRunSchema = z
  .object({
    id: z.string().uuid(),
    lab: idSchema,
    /** When the run ended, by the learner's clock (ms since the epoch); the server also keeps when it arrived. */
    at: z.number().int().nonnegative(),
    results: z
      .array(z.object({ step: idSchema, check: idSchema, status: z.enum(CHECK_STATUSES) }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type CheckRun = z.output<typeof checkRunSchema>;

/** POST /api/me/runs — the browser's queue, flushed in one request. */
export const reportRunsSchema = z.object({ runs: z.array(checkRunSchema).min(1).max(50) }).strict();
export interface ReportRunsAnswer {
  /** Run ids recorded now, and ids recorded before: both are safe to drop from the queue. */
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
}

export { MAX_BODY_BYTES } from './limits';

export interface Workshop {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly labs: readonly string[];
  readonly locale: WorkshopLocale;
  readonly pacing: Pacing;
  /** Index into `labs` of the last open lab (`labs.length - 1` when pacing is open). */
  readonly unlockedThrough: number;
  readonly createdAt: number;
  readonly closedAt?: number;
}

export interface Seat {
  readonly id: string;
  readonly workshopId: string;
  readonly name: string;
  readonly joinedAt: number;
}

export interface Message {
  readonly id: string;
  readonly text: string;
  readonly at: number;
  /** When the countdown it started reaches zero (server clock, ms since the epoch). */
  readonly countdownEndsAt?: number;
}

/**
 * Everything that happens in a workshop, in order. `seq` increases across the server's store (one sequence for
 * every workshop), so it doubles as the SSE event id a reconnecting page resumes from (Last-Event-ID).
 */
export type WorkshopEvent = { readonly seq: number; readonly at: number } & (
  | { readonly type: 'learner-joined'; readonly seat: Seat }
  | { readonly type: 'check-run'; readonly seatId: string; readonly run: CheckRun }
  | { readonly type: 'message'; readonly message: Message }
  | { readonly type: 'unlocked'; readonly through: number }
  | { readonly type: 'closed' }
);
export type WorkshopEventType = WorkshopEvent['type'];

/** GET /api/workshops/:id/board (instructor): the workshop and its whole history; the SSE stream continues it. */
export interface BoardSnapshot {
  readonly workshop: Workshop;
  readonly events: readonly WorkshopEvent[];
  /** The last event's seq (0 when none): open the stream with it as Last-Event-ID. */
  readonly seq: number;
  /** The server's clock when it answered, so the board can time "stuck" and countdowns without trusting the page's. */
  readonly now: number;
  /**
   * The learners' join addresses on the server's LAN (`http://<address>:<port>/<locale>/workshop/join/`), for the
   * projected code and QR: the instructor's page is on localhost, whose address means nothing to a learner's
   * laptop. Optional: without it the board shows its own origin.
   */
  readonly joinUrls?: readonly string[];
}

/** GET /api/me?workshop=:id and POST /api/join (learner): their seat, the workshop, and the messages so far. */
export interface LearnerView {
  readonly workshop: Workshop;
  readonly seat: Seat;
  readonly messages: readonly Message[];
  /** The workshop's last event seq when this view was made: open /api/me/events with it as ?lastEventId=. */
  readonly seq: number;
  readonly now: number;
}

/** The events a learner's stream carries: what concerns the whole room, never another learner's. */
export const LEARNER_EVENT_TYPES: readonly WorkshopEventType[] = ['message', 'unlocked', 'closed'];

/** Every error answer: a stable code for the page to translate, and an English sentence for logs and curl. */
export interface ApiError {
  readonly error: string;
  readonly message: string;
}
