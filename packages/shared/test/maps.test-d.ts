import { expectTypeOf, it } from 'vitest';
import type {
  Applied,
  ApplyFailed,
  ApplyFailedAck,
  ClientToServerEvents,
  Connected,
  Reloaded,
  ReloadFailed,
  ServerToClientEvents,
} from '../src/index.js';

it('pins the server-to-client event map to the schemas', () => {
  expectTypeOf<Parameters<ServerToClientEvents['connected']>>().toEqualTypeOf<[Connected]>();
  expectTypeOf<Parameters<ServerToClientEvents['reloaded']>>().toEqualTypeOf<[Reloaded]>();
  expectTypeOf<Parameters<ServerToClientEvents['reload_failed']>>().toEqualTypeOf<[ReloadFailed]>();
  expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<'connected' | 'reloaded' | 'reload_failed'>();
  expectTypeOf<Reloaded['kind']>().toEqualTypeOf<'wizard' | 'plugin' | 'component' | 'theme' | 'style' | 'config' | 'page' | 'asset'>();
});

it('pins the client-to-server event map: a report and its ack', () => {
  expectTypeOf<Parameters<ClientToServerEvents['apply_failed']>>().toEqualTypeOf<[ApplyFailed, (result: ApplyFailedAck) => void]>();
  expectTypeOf<Parameters<ClientToServerEvents['applied']>>().toEqualTypeOf<[Applied]>();
  expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<'apply_failed' | 'applied'>();
});
