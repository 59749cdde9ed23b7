/** The shape of one API route and what it receives; workshop-api.ts routes requests to them. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventStreams } from './event-streams';
import type { LabSteps } from './results-csv';
import type { WorkshopStore } from './store';

/** What a route receives: the request, its path's parameters and query, and the server's parts. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly api: ApiParts;
}

export interface ApiParts {
  readonly store: WorkshopStore;
  readonly instructorKey: string;
  readonly labSteps: LabSteps;
  readonly clock: () => number;
  readonly streams: EventStreams;
  /** Takes a token from the seat's bucket; false when the seat must wait. */
  readonly takeSeatToken: (seatId: string) => boolean;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** `/api/workshops/:id/board`: `:name` matches one path segment. */
  readonly path: string;
  readonly handle: (context: RouteContext) => Promise<void>;
}
