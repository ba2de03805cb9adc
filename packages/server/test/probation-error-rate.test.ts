import type { ApplyFailed } from '@hothub/shared';
import { describe, expect, it } from 'vitest';
import type { HubOptions } from '../src/index.js';
import { connectClient, type RecordingClient, startHub } from './support/hub.js';
import { failure } from './support/modules.js';
import { eventually } from './support/poll.js';
import { tempRoot, write } from './support/temp-root.js';

const sheet = (color: string) => `body { color: ${color}; }\n`;

/** A hub with `styles/main.css` at v1 and `pages` sockets connected, then v2 committed and on probation. */
async function styleOnProbation(pages: number, options: HubOptions = {}) {
  const root = await tempRoot({ 'styles/main.css': sheet('red') });
  const hub = await startHub({ root, healthInterval: 30, probation: 30, ...options });
  const clients: RecordingClient[] = [];
  for (let i = 0; i < pages; i++) clients.push(await connectClient(hub.url!));
  const served = () => hub.artifacts('style').find((a) => a.id === 'main.css')?.source.version;
  const v1 = served();
  if (v1 === undefined) throw new Error('styles/main.css v1 does not serve');
  await write(root, 'styles/main.css', sheet('blue'));
  await eventually(() => expect(clients[0]!.reloaded).toHaveLength(1));
  const v2 = clients[0]!.reloaded[0]!.version;
  expect(served()).toBe(v2);
  return { hub, root, clients, served, v1, v2 };
}

/** Sends `apply_failed` for main.css at `version` and waits for the hub's ack. */
async function report(client: RecordingClient, version: string) {
  const sent: ApplyFailed = { kind: 'style', id: 'main.css', version, error: { message: 'stylesheet failed to load' } };
  expect(await client.socket.emitWithAck('apply_failed', sent)).toEqual({ ok: true });
}

const rolledBack = (event: { reason?: string | undefined }) => event.reason !== undefined;

describe('probation: pages failing to apply a version (error rate)', () => {
  it('rolls a style on probation back with reason errors once 3 pages fail it; the previous version serves again', async () => {
    const { hub, clients, served, v1, v2 } = await styleOnProbation(5);
    await report(clients[0]!, v2);
    await report(clients[1]!, v2);
    // A page counts once, however often it reports.
    await report(clients[1]!, v2);
    await report(clients[2]!, v2);
    const failed = await failure(clients[4]!, rolledBack);
    expect(failed).toMatchObject({ kind: 'style', id: 'main.css', trigger: 'runtime', rolledBack: true, reason: 'errors' });
    // The third page's report did it: two did not.
    expect(failed.error.message).toContain('errors: 3 of 5 connected pages could not apply it: stylesheet failed to load');
    expect(served()).toBe(v1);
    expect(clients[4]!.failed.filter(rolledBack)).toHaveLength(1);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });

  it('rolls back when more than half of the connected pages fail it (a lone page is all of them)', async () => {
    const { clients, served, v1, v2 } = await styleOnProbation(1);
    await report(clients[0]!, v2);
    expect(await failure(clients[0]!, rolledBack)).toMatchObject({ reason: 'errors', rolledBack: true });
    expect(served()).toBe(v1);
  });

  it('ignores reports for another version and after probation, and follows healthLimits', async () => {
    const { hub, root, clients, served, v1, v2 } = await styleOnProbation(4, { healthLimits: { errorPages: 2, errorShare: 1 } });
    await report(clients[0]!, v1);
    await report(clients[1]!, v1);
    // A rollback is queued on the artifact before the next save's run: its event would come first.
    await write(root, 'styles/main.css', sheet('green'));
    await eventually(() => expect(clients[0]!.reloaded).toHaveLength(2));
    expect(clients[0]!.failed).toEqual([]);
    const v3 = clients[0]!.reloaded[1]!.version;
    await report(clients[2]!, v3);
    await report(clients[3]!, v3);
    expect(await failure(clients[0]!, rolledBack)).toMatchObject({ reason: 'errors', error: { message: expect.stringContaining('2 of 4') } });
    expect(served()).toBe(v2);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);

    const ended = await styleOnProbation(1, { probation: 0 });
    await report(ended.clients[0]!, ended.v2);
    await write(ended.root, 'styles/main.css', sheet('green'));
    await eventually(() => expect(ended.clients[0]!.reloaded).toHaveLength(2));
    expect(ended.clients[0]!.failed).toEqual([]);
  });
});
