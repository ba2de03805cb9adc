import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHub, type Hub, type HubOptions } from 'hothub';
import { onTestFinished } from 'vitest';

const require = createRequire(import.meta.url);
/** The demo app shipped in the hub package. */
export const DEMO_DIR = join(dirname(require.resolve('hothub/package.json')), 'demo');

/** A copy of the demo app in a fresh temp folder, served by a built hub on a free port. */
export async function startDemoHub(options: HubOptions = {}): Promise<{ hub: Hub; root: string }> {
  const root = await mkdtemp(join(tmpdir(), 'hothub-e2e-'));
  await cp(DEMO_DIR, root, { recursive: true });
  const hub = createHub({ root, port: 0, host: '127.0.0.1', logLevel: 'warn', ...options });
  onTestFinished(async () => {
    await hub.stop();
    await rm(root, { recursive: true, force: true });
  });
  await hub.start();
  return { hub, root };
}
