import type { ReloadFailed } from '@hothub/shared';
import { expect } from 'vitest';
import type { Registry } from '../../src/index.js';
import type { RecordingClient } from './hub.js';
import { eventually } from './poll.js';

/** A wizard module whose instance answers `answer()` with `version`. */
export function wizardSource(version: string, className = 'DebugWizard'): string {
  return `export class ${className} {\n  answer() {\n    return '${version}';\n  }\n}\n`;
}

export interface PluginHooks {
  initialize?: string;
  getStatus?: string;
  cleanup?: string;
}

/**
 * A plugin module answering `answer()` with `version`. Every lifecycle call is pushed onto
 * `config.log` (the array the test passes in `pluginConfig`), so a test sees the order of a swap.
 */
export function pluginSource(version: string, hooks: PluginHooks = {}): string {
  return `export default {
  log: [],
  async initialize(config) {
    this.log = config.log ?? [];
    this.log.push('initialize ${version}');
    ${hooks.initialize ?? ''}
  },
  async getStatus() {
    this.log.push('getStatus ${version}');
    ${hooks.getStatus ?? 'return { healthy: true };'}
  },
  async cleanup() {
    this.log.push('cleanup ${version}');
    ${hooks.cleanup ?? ''}
  },
  answer() {
    return '${version}';
  },
};
`;
}

/** What the serving instance of a wizard or plugin answers, as an embedding app would call it. */
export function answerOf(registry: Registry<object>, id: string): unknown {
  const instance = registry.get(id);
  if (!instance || !('answer' in instance) || typeof instance.answer !== 'function') return undefined;
  const answer: unknown = instance.answer();
  return answer;
}

/**
 * Waits for the `reload_failed` a test caused, picked by message (or by a predicate): a save read while
 * it was still being written may fail first, so counting failures would be flaky.
 */
export function failure(client: RecordingClient, match: RegExp | ((event: ReloadFailed) => boolean)): Promise<ReloadFailed> {
  const test = match instanceof RegExp ? (event: ReloadFailed) => match.test(event.error.message) : match;
  return eventually(() => {
    const found = client.failed.find(test);
    expect(found).toBeDefined();
    return found!;
  });
}
