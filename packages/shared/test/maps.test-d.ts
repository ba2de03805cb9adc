import { expectTypeOf, it } from 'vitest';
import type {
  Applied,
  ApplyFailed,
  ApplyFailedAck,
  ClientToServerEvents,
  Connected,
  HubAck,
  Published,
  Reloaded,
  ReloadFailed,
  RuntimeError,
  ServerToClientEvents,
  StandardOutput,
  StandardSchemaV1,
  TopicsRequest,
} from '../src/index.js';
import * as z from 'zod/mini';
import * as zc from 'zod';

it('pins the server-to-client event map to the schemas', () => {
  expectTypeOf<Parameters<ServerToClientEvents['connected']>>().toEqualTypeOf<[Connected]>();
  expectTypeOf<Parameters<ServerToClientEvents['reloaded']>>().toEqualTypeOf<[Reloaded]>();
  expectTypeOf<Parameters<ServerToClientEvents['reload_failed']>>().toEqualTypeOf<[ReloadFailed]>();
  expectTypeOf<Parameters<ServerToClientEvents['published']>>().toEqualTypeOf<[Published]>();
  expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<'connected' | 'reloaded' | 'reload_failed' | 'published'>();
  expectTypeOf<Reloaded['kind']>().toEqualTypeOf<'wizard' | 'plugin' | 'component' | 'theme' | 'style' | 'config' | 'page' | 'asset'>();
});

it('pins the client-to-server event map: a report and its ack', () => {
  expectTypeOf<Parameters<ClientToServerEvents['apply_failed']>>().toEqualTypeOf<[ApplyFailed, (result: ApplyFailedAck) => void]>();
  expectTypeOf<Parameters<ClientToServerEvents['applied']>>().toEqualTypeOf<[Applied]>();
  expectTypeOf<Parameters<ClientToServerEvents['runtime_error']>>().toEqualTypeOf<[RuntimeError, (result: HubAck) => void]>();
  expectTypeOf<Parameters<ClientToServerEvents['topics']>>().toEqualTypeOf<[TopicsRequest, (result: HubAck) => void]>();
  expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<'apply_failed' | 'applied' | 'runtime_error' | 'topics'>();
});

it('takes zod 4 classic and mini schemas as Standard Schemas and infers their output', () => {
  const mini = z.object({ items: z.number() });
  const classic = zc.object({ name: zc.string() });
  expectTypeOf(mini).toExtend<StandardSchemaV1>();
  expectTypeOf(classic).toExtend<StandardSchemaV1>();
  expectTypeOf<StandardOutput<typeof mini>>().toEqualTypeOf<{ items: number }>();
  expectTypeOf<StandardOutput<typeof classic>>().toEqualTypeOf<{ name: string }>();
});
