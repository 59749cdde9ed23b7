/**
 * The workshop this browser has joined, kept in localStorage so every course page (the banner, a lab's lock)
 * knows it without asking the server first — and a page of the course served without a workshop server never
 * asks at all. The seat itself is the server's httpOnly cookie; this is only what the pages show.
 */
import type { LearnerView, Message, Pacing } from '../../workshop/protocol';

export const JOINED_KEY = 'meshdojo.workshop.joined.v1';

export interface JoinedWorkshop {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly labs: readonly string[];
  readonly pacing: Pacing;
  readonly unlockedThrough: number;
  readonly closed: boolean;
  readonly seatName: string;
  readonly latest?: Message;
  /** Server clock minus this browser's, when the server last answered (for countdowns). */
  readonly clockOffsetMs: number;
}

export function joinedFromView(view: LearnerView, browserNow: number): JoinedWorkshop {
  const { workshop } = view;
  return {
    id: workshop.id,
    code: workshop.code,
    title: workshop.title,
    labs: workshop.labs,
    pacing: workshop.pacing,
    unlockedThrough: workshop.unlockedThrough,
    closed: workshop.closedAt !== undefined,
    seatName: view.seat.name,
    ...(view.messages.length > 0 && { latest: view.messages[view.messages.length - 1]! }),
    clockOffsetMs: view.now - browserNow,
  };
}

/** A lab of the workshop that the instructor has not opened yet (labs outside the workshop are never locked). */
export function isLabLocked(joined: JoinedWorkshop, labId: string): boolean {
  const index = joined.labs.indexOf(labId);
  return joined.pacing === 'unlocked' && index > joined.unlockedThrough;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export function readJoined(): JoinedWorkshop | undefined {
  try {
    const text = storage()?.getItem(JOINED_KEY);
    const value: unknown = text ? JSON.parse(text) : undefined;
    if (typeof value !== 'object' || value === null) return undefined;
    const joined = value as JoinedWorkshop;
    return typeof joined.id === 'string' && Array.isArray(joined.labs) ? joined : undefined;
  } catch {
    return undefined;
  }
}

export function saveJoined(joined: JoinedWorkshop): void {
  try {
    storage()?.setItem(JOINED_KEY, JSON.stringify(joined));
  } catch {
    // Without storage the banner shows on this page only.
  }
}

export function forgetJoined(): void {
  try {
    storage()?.removeItem(JOINED_KEY);
  } catch {
    // nothing kept, nothing to forget
  }
}
