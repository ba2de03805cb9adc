import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HubOptions } from '../../src/index.js';
import { createLogger } from '../../src/util/log.js';
import { connectClient, startHub } from './hub.js';
import { tempRoot } from './temp-root.js';

/**
 * A started hub over a fresh root holding `files`, a socket client recording its events, and
 * every log line it wrote (debug and up). `prepare` runs on the root before the hub starts.
 */
export async function configHub(files: Record<string, string>, options: HubOptions = {}, prepare?: (root: string) => Promise<void>) {
  const root = await tempRoot(files);
  await prepare?.(root);
  const logs: string[] = [];
  const hub = await startHub({ root, logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }), ...options });
  const client = await connectClient(hub.url!);
  return { root, hub, client, logs };
}

/** The parsed lines of the root's audit log. */
export async function auditLines(root: string): Promise<unknown[]> {
  const text = await readFile(join(root, '.hothub', 'audit.log'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line): unknown => JSON.parse(line));
}
