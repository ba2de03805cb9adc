import type * as z from 'zod/mini';
import type { ApplyFailed, ApplyFailedAck, HubAck } from './apply-failed.js';
import type { Applied } from './applied.js';
import type { AppliedVersion, ClientFailureEntry } from '../http/clients.js';
import type { Handshake } from './handshake.js';
import type { SERVER_EVENT_SCHEMAS } from './index.js';
import type { TopicsRequest } from './published.js';
import type { RuntimeError } from './runtime-error.js';

type ServerEventSchemas = typeof SERVER_EVENT_SCHEMAS;

/** Events the hub emits, derived from `SERVER_EVENT_SCHEMAS`: each takes the payload its schema validates. */
export type ServerToClientEvents = { [Name in keyof ServerEventSchemas]: (payload: z.infer<ServerEventSchemas[Name]>) => void };

/** Events a browser may send to the hub; each argument is validated by the schema of the same name. */
export interface ClientToServerEvents {
  apply_failed: (payload: ApplyFailed, ack: (result: ApplyFailedAck) => void) => void;
  /** No ack: the SDK sends it after every applied version and waits for nothing. */
  applied: (payload: Applied) => void;
  /** An uncaught error or unhandled rejection on the page (issue 17). */
  runtime_error: (payload: RuntimeError, ack: (result: HubAck) => void) => void;
  /** Replaces the page's topics of `published` events (an empty list: every topic). */
  topics: (payload: TopicsRequest, ack: (result: HubAck) => void) => void;
}

/**
 * What a hub records of one page, kept on its socket: through a cluster's adapter `fetchSockets()` carries
 * `data`, so every hub can list every page (`GET /clients`). Plain JSON, as it crosses Redis.
 */
export interface PageState {
  /** The hub serving it: its URL, or its instance id when embedded in an app's server. */
  hub: string;
  userAgent?: string;
  connectedAt: number;
  /** Events up to this seq reached the page before it connected (its load, or its catch-up's start). */
  startSeq: number;
  lastSeq: number;
  applied: Record<string, AppliedVersion>;
  failures: ClientFailureEntry[];
}

/** Per-socket state the hub keeps (socket.io's fourth generic). */
export interface SocketData {
  /** The validated `auth` of the socket's handshake. */
  handshake?: Handshake;
  /** A page's record (not the console's). */
  page?: PageState;
}
