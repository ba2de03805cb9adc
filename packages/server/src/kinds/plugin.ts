import { errorMessage, validate } from '@hothub/shared';
import * as z from 'zod';
import { failureAt, isClass } from '../modules/evaluate-module.js';
import type { ImportGraph } from '../modules/import-graph.js';
import { type LoadedModule, type ModuleRuntime, moduleKindParts } from '../modules/load-module.js';
import type { PluginConfigs } from '../modules/plugin-configs.js';
import { settleWithin } from '../util/settle-within.js';
import { ReloadFailure } from '../util/errors.js';
import type { Logger } from '../util/log.js';
import type { Kind, KindInfo } from '../pipeline/kind.js';
import type { Serving } from '../pipeline/serving.js';

const hook = z.custom<(...args: unknown[]) => unknown>((value) => typeof value === 'function', 'expected a function');

/** The lifecycle a plugin object (or an instance of a plugin class) must have. */
const Lifecycle = z.object({ initialize: hook, cleanup: hook, getStatus: hook, updateConfig: hook.optional() });

/** What `getStatus()` returns (or resolves to): `{ healthy: false, message }` refuses a swap. */
const PluginStatus = z.looseObject({ healthy: z.boolean(), message: z.string().optional() });

export interface Plugin {
  loaded: LoadedModule;
  /** The object the module exported, or the instance of its class: what `hub.plugins.get()` returns. */
  instance: object;
  lifecycle: z.infer<typeof Lifecycle>;
}

export interface PluginKindOptions {
  /** What serves now: a config change goes to the serving version of its plugin. */
  serving: Pick<Serving, 'get'>;
  graph: ImportGraph;
  runtime: ModuleRuntime;
  /** Bound on every lifecycle call. */
  timeoutMs: number;
  /** The config `initialize(config)` receives; a change is passed to the active plugin's `updateConfig()`. */
  configs: PluginConfigs;
  logger: Logger;
}

/** `plugins/<name>.js` or `plugins/<name>/index.js` (also `.mjs`, `.cjs`, `.ts`, `.mts`, `.cts`). */
const PLUGIN_FILE = /^([^/]+?)(?:\/index)?\.(?:[cm]?js|[cm]?ts)$/;

export const PLUGIN: KindInfo = { name: 'plugin', defaultDir: 'plugins' };

/**
 * Plugins swap in only once healthy: load → `initialize(config)` → `getStatus()` → `cleanup()` of the
 * old one → switch. A new version that fails any step is cleaned up and the old one keeps serving.
 */
export function pluginKind(options: PluginKindOptions): Kind<Plugin> {
  const { serving, graph, runtime, timeoutMs, configs, logger } = options;
  const modules = moduleKindParts('plugin', PLUGIN_FILE, graph, runtime);
  /** Every version this kind loaded: tells a serving plugin apart from any other value. */
  const loadedHere = new WeakSet<object>();
  const isPlugin = (value: unknown): value is Plugin => typeof value === 'object' && value !== null && loadedHere.has(value);
  const call = (plugin: Plugin, name: keyof Plugin['lifecycle'], ...args: unknown[]) =>
    settleWithin(`${name}()`, timeoutMs, () =>
      // The synchronous part runs bounded in the plugin's sandbox; settleWithin bounds the wait for the rest.
      plugin.loaded.sandbox.run(`${name}() failed`, () => plugin.lifecycle[name]?.apply(plugin.instance, args)),
    ).catch((error: unknown) => {
      throw failureAt(error, plugin.loaded.bundle, `${name}() failed`);
    });
  /** Cleans a version up, then clears the timers it left: it serves no more. */
  const cleanup = (id: string, plugin: Plugin) =>
    call(plugin, 'cleanup')
      .catch((error: unknown) => logger.warn(`cleanup() of plugin ${id} failed`, { error: errorMessage(error) }))
      .finally(() => plugin.loaded.sandbox.clearTimers());

  configs.onChange(async (name, config) => {
    const plugin = serving.get('plugin', name)?.artifact;
    if (isPlugin(plugin) && plugin.lifecycle.updateConfig) await call(plugin, 'updateConfig', config);
  });

  return {
    name: PLUGIN.name,
    ...modules.hooks,
    async load(source) {
      const loaded = await modules.load(source);
      const instance = pluginObjectOf(loaded);
      const lifecycle = instance && validate(Lifecycle, instance, 'plugin');
      if (!instance || !lifecycle?.ok) {
        const missing = lifecycle && !lifecycle.ok ? `: ${lifecycle.error.message}` : '';
        throw new ReloadFailure(`${source.relPath} exports no plugin with initialize(), cleanup() and getStatus()${missing}`, {
          file: source.path,
        });
      }
      const plugin: Plugin = { loaded, instance, lifecycle: lifecycle.value };
      loadedHere.add(plugin);
      return plugin;
    },
    async apply(id, next) {
      await call(next, 'initialize', configs.get(id));
    },
    async check(id, next) {
      const status = validate(PluginStatus, await call(next, 'getStatus'), 'getStatus() result');
      if (!status.ok) throw new ReloadFailure(status.error.message, { file: next.loaded.bundle.entry });
      if (!status.value.healthy) {
        const reason = status.value.message ? `: ${status.value.message}` : '';
        throw new ReloadFailure(`plugin ${id} reports itself unhealthy${reason}`, { file: next.loaded.bundle.entry });
      }
    },
    async commit(id, _next, previous) {
      // The pipeline switched what serves before this step, so no call reaches the old version while it cleans up.
      if (previous) await cleanup(id, previous);
    },
    async rollback(id, _previous, failed) {
      await cleanup(id, failed);
    },
    async remove(id, current) {
      graph.forget(id);
      await cleanup(id, current);
    },
    async dispose(id, current) {
      await cleanup(id, current);
    },
  };
}

/** A default or named export that is a plugin object or class; a module whose own exports are the lifecycle counts too. */
function pluginObjectOf({ exports, sandbox }: LoadedModule): object | undefined {
  for (const candidate of [exports.default, exports, ...Object.values(exports)]) {
    if (isClass(candidate) && hasInitialize(candidate.prototype)) {
      return sandbox.run(`new ${candidate.name || 'plugin'}() threw`, () => new candidate());
    }
    if (hasInitialize(candidate)) return candidate;
  }
  return undefined;
}

function hasInitialize(value: unknown): value is object {
  return typeof value === 'object' && value !== null && 'initialize' in value && typeof value.initialize === 'function';
}
