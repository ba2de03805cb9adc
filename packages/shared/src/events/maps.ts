import type { ApplyFailed, ApplyFailedAck } from './apply-failed.js';
import type { Connected } from './connected.js';
import type { Handshake } from './handshake.js';
import type { ReloadFailed } from './reload-failed.js';
import type { Reloaded } from './reloaded.js';

/** Events the hub emits; the argument of each is validated by the schema of the same name. */
export interface ServerToClientEvents {
  connected: (payload: Connected) => void;
  reloaded: (payload: Reloaded) => void;
  reload_failed: (payload: ReloadFailed) => void;
}

/** Events a browser may send to the hub; each argument is validated by the schema of the same name. */
export interface ClientToServerEvents {
  apply_failed: (payload: ApplyFailed, ack: (result: ApplyFailedAck) => void) => void;
}

/** Per-socket state the hub keeps (socket.io's fourth generic). */
export interface SocketData {
  /** The validated `auth` of the socket's handshake. */
  handshake?: Handshake;
}
