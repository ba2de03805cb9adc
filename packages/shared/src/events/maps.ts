import type * as z from 'zod/mini';
import type { ApplyFailed, ApplyFailedAck } from './apply-failed.js';
import type { Applied } from './applied.js';
import type { Handshake } from './handshake.js';
import type { SERVER_EVENT_SCHEMAS } from './index.js';

type ServerEventSchemas = typeof SERVER_EVENT_SCHEMAS;

/** Events the hub emits, derived from `SERVER_EVENT_SCHEMAS`: each takes the payload its schema validates. */
export type ServerToClientEvents = { [Name in keyof ServerEventSchemas]: (payload: z.infer<ServerEventSchemas[Name]>) => void };

/** Events a browser may send to the hub; each argument is validated by the schema of the same name. */
export interface ClientToServerEvents {
  apply_failed: (payload: ApplyFailed, ack: (result: ApplyFailedAck) => void) => void;
  /** No ack: the SDK sends it after every applied version and waits for nothing. */
  applied: (payload: Applied) => void;
}

/** Per-socket state the hub keeps (socket.io's fourth generic). */
export interface SocketData {
  /** The validated `auth` of the socket's handshake. */
  handshake?: Handshake;
}
