import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import { errorMessage, type KindName, type Published, type Reloaded, type ReloadFailed, type RuntimeError, type RuntimeErrorRecord, type TopicSchemas, type Trigger } from '@hothub/shared';
import type { Express } from 'express';
import { accessPolicy } from './access/access-policy.js';
import { afterRunConsumers, runConsumers } from './after-run.js';
import { AppEvents } from './app-events.js';
import { answerForwarded, eventsFrom, forwardsRun, publishedFrom } from './forwarding.js';
import { checkPublish } from './ops/publish-check.js';
import { followEvent } from './cluster/follow-event.js';
import { LeaderGate } from './watch/leader-gate.js';
import { type History, openHistory } from './cluster/open-history.js';
import { ConfigRuntime, STATE_DIR } from './config/config-runtime.js';
import { redactedText } from './config/redacted-text.js';
import { HubConfig } from './config/hub-config.js';
import { type HubHealth, hubHealth } from './health/hub-health.js';
import { createApp } from './http/create-app.js';
import { tlsCredentials } from './http/https-cert.js';
import { listen, SERVER_TIMEOUTS, urlOf } from './http/listen.js';
import { type Middleware, toMiddleware } from './http/middleware.js';
import { standaloneApp } from './http/standalone-app.js';
import { builtinKinds } from './kinds/index.js';
import type { OnWizard } from './kinds/wizard.js';
import { DependencyReloads } from './watch/dependency-reloads.js';
import { ImportGraph } from './modules/import-graph.js';
import { ModuleFaults } from './modules/module-faults.js';
import { ModuleRegistry, type Registry } from './modules/module-registry.js';
import { type RemoveArtifact, removeArtifact } from './modules/remove-artifact.js';
import { PluginConfigs } from './modules/plugin-configs.js';
import { HubOps } from './ops/hub-ops.js';
import { KindVersions } from './ops/kind-versions.js';
import { startPeriodicRefresh } from './ops/periodic-refresh.js';
import { reloadTargets } from './ops/reload-targets.js';
import { type TypedTopics, typedTopics } from './ops/typed-topics.js';
import { appProxy, PROXY_MOUNT, proxyTarget } from './proxy/app-proxy.js';
import { type HubSettings, type ResolvedSettings, resolveSettings } from './options/hub-options.js';
import { EventLog, type HubEvent, isRunEvent } from './pipeline/event-log.js';
import type { HealthChecks } from './pipeline/health-checks.js';
import { Pipeline, type RunOrigin } from './pipeline/pipeline.js';
import { type ActiveArtifact, Serving } from './pipeline/serving.js';
import type { AfterRun } from './pipeline/reload-outcome.js';
import { type AttachedSocketServer, attachSocketServer } from './realtime/attach-socket-server.js';
import { LocalCatchUp } from './realtime/catch-up.js';
import { type ClientFailure, ClientFailures } from './realtime/client-failures.js';
import { describePages, Pages } from './realtime/pages.js';
import { createSocketServer, type HubSocketServer } from './realtime/socket-server.js';
import { createLogger, type Logger } from './util/log.js';
import { checkRoot } from './watch/check-root.js';
import { readMounts, remoteMount } from './watch/remote-mount.js';
import { KindFolders, type WatchedFolder } from './watch/kind-folders.js';
import { ruleSpecs } from './options/watch-settings.js';
import { SourceWatcher } from './watch/source-watcher.js';

export interface HubOptions extends HubSettings {
  /** Where logs go; defaults to stderr at `logLevel`. */
  logger?: Logger;
  /** An `http.Server` the app owns: the hub attaches its socket endpoint to it instead of listening itself. */
  server?: HttpServer;
  /** Called with every wizard class before it is registered; returning false refuses it. */
  onWizard?: OnWizard;
  /** What each plugin's `initialize(config)` receives, by plugin name (default `{}`); see `configurePlugin()`. */
  pluginConfig?: Record<string, unknown>;
}

/** In-process events of a hub: the same payloads browsers receive. */
export interface HubEventMap {
  reloaded: [Reloaded];
  reload_failed: [ReloadFailed];
  /** A browser reported that it could not apply a version (`apply_failed`). */
  client_failed: [ClientFailure];
  /** An application event this hub or another of its cluster published (`hub.publish`, `POST /publish`). */
  published: [Published];
  /** A page reported an uncaught error or unhandled rejection (`runtime_error`), as history keeps it. */
  runtime_error: [RuntimeErrorRecord];
}

/**
 * A hot-reload hub: watches the root's kind folders, runs every change through the pipeline
 * and broadcasts the result. The CLI is a thin layer over this.
 * @example
 * const hub = createHub({ root: './app', port: 0 });
 * await hub.start();
 * hub.on('reloaded', (e) => console.log(e.kind, e.id));
 * console.log(hub.url);
 * await hub.stop();
 */
export class Hub extends EventEmitter<HubEventMap> {
  readonly settings: ResolvedSettings;
  /** This process, unique in a cluster: owner of the leader lease, origin of the events it numbers. */
  readonly #instanceId = randomUUID().slice(0, 8);
  readonly app: Express;
  /** Loaded wizards: `hub.wizards.get('debug')` is the registered instance. */
  readonly wizards: Registry<object>;
  /** Loaded plugins: `hub.plugins.get(name)` is the active plugin object. */
  readonly plugins: Registry<object>;
  /** Serving configs: `hub.config.get('app')`, `hub.config.subscribe('db.*', handler)`. */
  readonly config: HubConfig;
  /** Checks run after every apply; one failing rolls the reload back: `hub.healthChecks.add(name, fn, { timeoutMs })`. */
  readonly healthChecks: HealthChecks;
  readonly #logger: Logger;
  readonly #registries: ModuleRegistry[];
  /** An artifact's file is gone: make it inactive. */
  readonly #remove: RemoveArtifact;
  /** What serves now: written by the pipeline, read by HTTP, the registries, the operations API and the plugin kind. */
  readonly #serving = new Serving();
  readonly #dependencies: DependencyReloads;
  readonly #pluginConfigs: PluginConfigs;
  readonly #server: HttpServer | undefined;
  readonly #proxy: URL | undefined;
  #attached?: AttachedSocketServer;
  readonly #events = new EventLog();
  readonly #catchUp = new LocalCatchUp(this.#events);
  #history?: History;
  readonly #gate = new LeaderGate(() => this.#history?.leading ?? true);
  readonly #clientFailures = new ClientFailures();
  /** Connected pages and what each applied (`GET /clients`). */
  readonly #pages = new Pages(() => this.url ?? this.#instanceId);
  readonly #folders: KindFolders;
  readonly #pipeline: Pipeline;
  readonly #sources: SourceWatcher;
  #http?: HttpServer;
  #io?: HubSocketServer;
  #url: string | undefined;
  #stopping?: Promise<void>;
  readonly #ops: HubOps;
  #stopPeriodic?: () => void;
  /** Errors modules throw later (timers, promises): reported and rolled back while the hub runs. */
  readonly #faults: ModuleFaults;
  #stopFaults?: () => void;
  /** The ordered consumers of every run's outcome (`after-run.ts`). */
  readonly #afterRun: AfterRun;
  /** Checks every `--health-interval`, built-in checks, and probation of each new version (`health/`). */
  readonly #health: HubHealth;
  /** The last versions of every artifact, for `GET /rollback/<kind>/<id>` and `POST /rollback`. */
  readonly #versions: KindVersions;
  /** Application events and pages' runtime errors, on the same numbering as runs (issue 17). */
  readonly #appEvents: AppEvents;

  constructor(options: HubOptions = {}) {
    super();
    const { logger, server, onWizard, pluginConfig, ...settings } = options;
    this.settings = resolveSettings(settings);
    checkRoot(this.settings.root);
    this.#proxy = this.settings.proxy === undefined ? undefined : proxyTarget(this.settings.proxy);
    if (this.settings.mode === 'prod' && this.settings.token === undefined) {
      throw new Error('--mode prod needs a token: set --token or HOTHUB_TOKEN (mutating endpoints and sockets require it)');
    }
    this.#logger = logger ?? createLogger({ level: this.settings.logLevel, format: this.settings.mode === 'prod' ? 'json' : 'pretty' });
    this.#server = server;
    const wizards = new ModuleRegistry('wizard', this.#serving);
    const plugins = new ModuleRegistry('plugin', this.#serving);
    this.wizards = wizards;
    this.plugins = plugins;
    this.#registries = [wizards, plugins];
    this.#pluginConfigs = new PluginConfigs(pluginConfig);
    const { root, dirs, publicConfigs, configMaxBytes, configBackups, redactKeys, secretsKey } = this.settings;
    const configRuntime = new ConfigRuntime({
      root,
      dir: resolve(root, dirs.config),
      publicConfigs,
      maxBytes: configMaxBytes,
      backups: configBackups,
      redactKeys,
      secretsKey,
      logger: this.#logger.channel('hothub:config'),
    });
    this.#faults = new ModuleFaults(this.#logger.channel('hothub:modules'));
    // Module code (top level, constructors, hooks, schemas) runs bounded by the plugin timeout.
    const modules = { timeoutMs: this.settings.pluginTimeout, faults: this.#faults };
    const kinds = builtinKinds({
      inlineLimit: this.settings.inlineLimit,
      wizards: { graph: new ImportGraph(), runtime: modules, ...(onWizard ? { onWizard } : {}) },
      plugins: {
        runtime: modules,
        serving: this.#serving,
        graph: new ImportGraph(),
        timeoutMs: this.settings.pluginTimeout,
        configs: this.#pluginConfigs,
        logger: this.#logger.channel('hothub:plugin'),
      },
      config: configRuntime,
      modules,
    });
    this.#folders = new KindFolders(this.settings.root, this.settings.dirs, kinds, {
      rules: ruleSpecs(this.settings.watch ?? {}),
      ignore: this.settings.ignore,
      polling: this.settings.poll !== undefined,
    });
    this.#pipeline = new Pipeline({
      kinds,
      log: this.#events,
      logger: this.#logger.channel('hothub:pipeline'),
      after: (outcome) => this.#afterRun(outcome),
      root: this.settings.root,
      dirs: new Map(this.#folders.folders.map(({ kind, dir }) => [kind, dir])),
      serving: this.#serving,
    });
    this.#remove = removeArtifact(this.#pipeline, this.#registries);
    this.#versions = new KindVersions({
      dir: resolve(root, STATE_DIR, 'backups'),
      keep: this.settings.versions,
      dirs: new Map(this.#folders.folders.map(({ kind, dir }) => [kind, dir])),
      serving: this.#serving,
      kept: new Map([['config', configRuntime.backups]]),
      shownAs: new Map([['config', (bytes, relPath) => redactedText(configRuntime.redactor, bytes, relPath)]]),
      logger: this.#logger.channel('hothub:versions'),
    });
    this.healthChecks = this.#pipeline.healthChecks;
    const { healthInterval, probation, rollbackWhen, healthLimits, memoryBudget, probe } = this.settings;
    this.#health = hubHealth({
      root,
      healthInterval,
      probation,
      rollbackWhen,
      healthLimits,
      ...(memoryBudget === undefined ? {} : { memoryBudget }),
      ...(probe === undefined ? {} : { probe }),
      app: this.healthChecks,
      pipeline: this.#pipeline,
      logger: this.#logger.channel('hothub:health'),
      // Dev output is a developer's terminal, one line per reload: alerts are for operators there (debug).
      alertLevel: this.settings.mode === 'dev' ? 'debug' : 'warn',
    });
    this.config = new HubConfig(configRuntime, this.#pipeline);
    this.#dependencies = new DependencyReloads({ kinds, pipeline: this.#pipeline, root: this.settings.root });
    this.#sources = new SourceWatcher({
      folders: this.#folders,
      pipeline: this.#pipeline,
      dependencies: this.#dependencies,
      gate: this.#gate,
      debounceMs: this.settings.debounce,
      pollMs: this.settings.poll,
      logger: this.#logger,
      root: this.settings.root,
      remove: this.#remove,
    });
    this.#ops = new HubOps({
      settings: this.settings,
      serving: this.#serving,
      events: this.#events,
      logger: this.#logger,
      folders: this.#folders,
      running: () => this.#io !== undefined && this.#stopping === undefined,
      watcher: this.#sources,
      connections: () => this.#io?.engine.clientsCount ?? 0,
      clients: () => this.#pages.list(this.#events.since(0)),
      everyClient: async () => (this.#io ? describePages(await this.#io.fetchSockets(), this.#events.since(0)) : []),
      reload: (target, trigger, origin) => this.reload(target, trigger, origin),
      publish: (topic, data, options) => this.publish(topic, data, options),
      health: this.#health.monitor,
      handlers: () => configRuntime.subscriptions.size + this.listenerCount('reloaded') + this.listenerCount('reload_failed'),
    });
    this.#afterRun = runConsumers(
      afterRunConsumers({
        history: () => this.#history,
        registries: this.#registries,
        config: configRuntime,
        events: this.#events,
        catchUp: this.#catchUp,
        pages: () => this.#io,
        ops: this.#ops,
        versions: this.#versions,
        probation: this.#health.probation,
        sources: this.#sources,
        // prod logs JSON for machines: the terminal line is for a developer watching dev output.
        terminal: this.settings.mode === 'dev' ? (line: string) => this.#logger.channel('hothub:reload').info(line) : undefined,
        emit: (event) => (event.name === 'reloaded' ? this.emit('reloaded', event.payload) : this.emit('reload_failed', event.payload)),
      }),
      this.#logger.channel('hothub:pipeline'),
    );
    this.#appEvents = new AppEvents({
      log: this.#events,
      history: () => this.#history,
      pages: () => this.#io,
      ops: this.#ops,
      probation: this.#health.probation,
      connected: () => this.#io?.engine.clientsCount ?? 0,
      emit: (event) => (event.name === 'published' ? this.emit('published', event.payload) : this.emit('runtime_error', event.payload)),
      logger: this.#logger.channel('hothub:events'),
    });
    this.app = createApp({ root: this.settings.root, pipeline: this.#pipeline, folders: this.#folders, wizards, plugins, ops: this.#ops, config: this.config, versions: this.#versions, events: this.#events, stopped: () => this.#stopping !== undefined });
  }

  /** `http://host:port` once listening. */
  get url(): string | undefined {
    return this.#server ? urlOf(this.#server) : this.#url;
  }

  /**
   * The hub's routes as a connect/express middleware for an app's own server (`server` option): any
   * prefix works, and paths that are not the hub's go on to the app's next handler.
   * @example
   * app.use('/hot', hub.middleware()); // <script src="/hot/hothub/client.js"></script>
   */
  middleware(): Middleware {
    return toMiddleware(this.app);
  }

  /** The numbering pages resume under (`connected.serverId`): kept in `.hothub/` across restarts, shared by a cluster. */
  get serverId(): string {
    return this.#events.id;
  }

  /** Number of the latest event sent. */
  get seq(): number {
    return this.#events.seq;
  }

  /** Kind folders and whether each exists. */
  folders(): WatchedFolder[] {
    return this.#folders.status();
  }

  /**
   * Changes a plugin's config: the active plugin gets it through `updateConfig(config)` (bounded by
   * `pluginTimeout`; a throw rejects), and later versions through `initialize(config)`.
   * @example
   * await hub.configurePlugin('search', { indexName: 'docs-v2' });
   */
  configurePlugin(name: string, config: unknown): Promise<void> {
    return this.#pluginConfigs.set(name, config);
  }

  /** The serving version of every artifact, optionally of one kind. */
  artifacts(kind?: KindName): ActiveArtifact[] {
    return this.#serving.list(kind);
  }

  /** The latest versions browsers reported they could not apply, oldest first. */
  clientFailures(): ClientFailure[] {
    return this.#clientFailures.list();
  }

  /**
   * Sends an application event to the pages that chose `topic` (or no topic), numbered on the same `seq` as
   * reloads: kept in history and replayed once to a page that missed it (issue 17). `data` must be JSON, at most
   * 16 KB; rejects with `PublishRefused` otherwise. Pages get it with `hothub.subscribe(topic, fn)`. On a follower
   * of a cluster the leader numbers it (issue 12), hence the promise.
   * @example
   * await hub.publish('cart', { items: 3 }, { triggeredBy: 'checkout' }); // → { seq, ts, topic, data, triggeredBy }
   */
  async publish(topic: string, data: unknown, options: { triggeredBy?: string } = {}): Promise<Published> {
    checkPublish(topic, data);
    const forwarded = await this.#history?.forward({ op: 'publish', topic, data, ...options });
    return forwarded ? publishedFrom(forwarded) : this.#appEvents.publish(topic, data, options);
  }

  /**
   * Typed topics: `publish` takes only the declared topics, with data typed by their schema (any Standard Schema:
   * zod 4, valibot, arktype) and validated before it is sent; rejects with `PublishRefused` (400) otherwise.
   * @example
   * const topics = hub.topics({ cart: z.object({ items: z.number() }) });
   * await topics.publish('cart', { items: 3 });
   */
  topics<S extends TopicSchemas>(schemas: S): TypedTopics<S> {
    return typedTopics(schemas, (topic, data, options) => this.publish(topic, data, options));
  }

  /**
   * Runs the pipeline for `all`, a kind (`style`) or one artifact (`style/main.css`) and resolves
   * with the events it sent; throws `UnknownTargetError` when nothing matches. Unchanged content
   * is re-applied, except for the `periodic` trigger. `origin` (`{ triggeredBy, reason }`) travels in the events.
   * On a follower of a cluster the leader runs it and the events are the leader's.
   * @example
   * const events = await hub.reload('style');
   */
  async reload(target: string, trigger: Trigger = 'manual', origin?: RunOrigin): Promise<HubEvent[]> {
    // A follower has the leader number what a caller asked for (issue 12); its pages get the events from the cluster.
    const forwarded = forwardsRun(trigger) ? await this.#history?.forward({ op: 'reload', target, trigger, ...origin }) : undefined;
    if (forwarded) return eventsFrom(forwarded, target);
    return reloadTargets(target, trigger, {
      folders: this.#folders,
      pipeline: this.#pipeline,
      remove: this.#remove,
    }, origin);
  }

  /**
   * Loads every artifact, starts watching (dev mode) and listens; resolves once a save can no
   * longer be missed. In prod mode nothing is watched: reloads come from the API, the webhook and `periodic`.
   */
  async start(): Promise<void> {
    // A module that throws after its swap is rolled back for its errors (`reason: 'errors'`).
    this.#stopFaults = this.#faults.listen({ restore: (kind, id, version, error) => this.#pipeline.restore(kind, id, version, error, 'errors') });
    this.#history = await openHistory({
      root: this.settings.root,
      log: this.#events,
      ...(this.settings.redis ? { redis: this.settings.redis } : {}),
      serverId: this.#instanceId,
      logger: this.#logger,
      follow: async ({ event, ...entry }) => {
        if (!isRunEvent(event)) return this.#appEvents.follow(event);
        await followEvent({ ...entry, event }, { folders: this.#folders, pipeline: this.#pipeline, announce: (event) => this.#announce(event) });
      },
      answer: (request) =>
        answerForwarded(request, {
          reload: (target, trigger, origin) => this.reload(target, trigger, origin),
          publish: (topic, data, options) => this.#appEvents.publish(topic, data, options),
          runtimeError: (report, client) => this.#appEvents.runtimeError(report, client),
        }),
      onLeading: (gapped) => {
        const keptPaths = () => {
          for (const [event, path] of this.#gate.takeOver()) this.#sources.onFileEvent(event, path);
        };
        // Before the hub's own startup load (still to come, and renumbering too) there is nothing to announce again.
        if (!gapped || !this.#history) return keptPaths();
        this.reload('all', 'startup')
          .catch((error: unknown) => this.#logger.channel('hothub:cluster').error('cannot announce every artifact again after taking the lead', { error: errorMessage(error) }))
          .finally(keptPaths);
      },
    });
    if (this.settings.mode === 'prod') await this.reload('all', 'startup');
    else {
      this.#warnRemoteMount();
      await this.#sources.start();
    }
    await this.#listen();
    this.#health.start();
    const { periodic } = this.settings;
    if (periodic !== undefined) {
      const log = this.#logger.channel('hothub:periodic');
      this.#stopPeriodic = startPeriodicRefresh(periodic, async () => (this.#gate.leading ? this.reload('all', 'periodic') : []), (error) => log.error('periodic reload failed', { error: String(error) }));
    }
  }

  /** A page's runtime error: numbered by the leader when this hub follows (issue 12), else here. */
  async #runtimeError(report: RuntimeError, socketId: string): Promise<void> {
    try {
      if (await this.#history?.forward({ op: 'runtime_error', report, client: socketId })) return;
    } catch (error) {
      this.#logger.channel('hothub:cluster').warn('the leader did not record a page error: recorded here', { error: errorMessage(error) });
    }
    this.#appEvents.runtimeError(report, socketId);
  }

  /** Native events may never come from a shared folder or network drive: say how to poll instead. */
  #warnRemoteMount(): void {
    if (this.settings.poll !== undefined) return;
    const { root } = this.settings;
    const reason = remoteMount(resolve(root), readMounts());
    if (reason) this.#logger.channel('hothub:watch').warn(`${root}: ${reason}, where saves may go unseen: run with --poll 100 (HOTHUB_POLL=100)`);
  }

  /** An event another hub of the cluster numbered, which this hub ran nothing for: recorded, then consumed like any run's. */
  #announce(event: HubEvent): void {
    this.#events.record(event);
    this.#afterRun({ status: 'event', event, followed: true });
  }

  /** Closes watchers, sockets and the server, then disposes of every serving artifact (a plugin's `cleanup()`); a second call returns the same promise. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#stopPeriodic?.();
      this.#health.stop();
      const io = this.#attached ? undefined : this.#io;
      this.#attached?.detach();
      await Promise.allSettled([
        this.#history?.stop(),
        this.#sources.close(),
        this.#ops.stop(),
        io ? new Promise<void>((resolve) => void io.close(() => resolve())) : undefined,
      ]);
      this.#http?.closeAllConnections();
      await this.#pipeline.dispose();
      await this.#versions.idle();
      this.#stopFaults?.();
    })();
    return this.#stopping;
  }

  async #listen(): Promise<void> {
    const hub = this;
    const realtime = {
      // Read per connection: joining a cluster may adopt its numbering.
      get serverId() {
        return hub.serverId;
      },
      folders: this.#folders.publicFolders,
      currentSeq: () => this.#events.seq,
      catchUp: this.#catchUp,
      onApplyFailed: (failure: ClientFailure) => {
        this.#clientFailures.record(failure);
        this.emit('client_failed', failure);
        const connected = this.#io?.engine.clientsCount ?? 0;
        this.#health.probation.pageFailed(failure, connected).catch((error: unknown) => this.#logger.channel('hothub:health').error('the rollback of a version pages could not apply failed', { error: errorMessage(error) }));
      },
      onRuntimeError: (report: RuntimeError, socketId: string) => void this.#runtimeError(report, socketId),
      pages: this.#pages,
      eventAt: (seq: number) => this.#events.since(seq - 1).find((event) => event.payload.seq === seq),
      onDelivered: (event: Reloaded) => this.#ops.delivered(event),
      access: accessPolicy(this.settings),
      onRefused: (hint: string) => this.#logger.channel('hothub:access').warn(`socket refused: ${hint}`),
      handshakeLimit: this.settings.rateLimit,
    };
    if (this.#server) {
      this.#attached = attachSocketServer(this.#server, realtime);
      this.#io = this.#attached.io;
      this.#history?.attach(this.#io);
      return;
    }
    const { port, host, root, https, cert, key } = this.settings;
    // --cert/--key imply https; --https alone serves a self-signed localhost certificate.
    const tls = https || cert !== undefined || key !== undefined ? await tlsCredentials({ ...(cert ? { cert } : {}), ...(key ? { key } : {}) }, root) : undefined;
    const proxy = this.#proxy ? appProxy(this.#proxy, { secure: tls !== undefined, logger: this.#logger.channel('hothub:proxy') }) : undefined;
    const handler = standaloneApp(this.app, { root, ops: this.#ops, ...(proxy ? { fallback: proxy.requests, mount: PROXY_MOUNT } : {}) });
    const http = await listen(handler, port, host, SERVER_TIMEOUTS, tls);
    this.#http = http;
    this.#io = createSocketServer(http, { ...realtime, sharesUpgrades: proxy !== undefined });
    if (proxy) http.on('upgrade', proxy.upgrades);
    this.#history?.attach(this.#io);
    this.#url = urlOf(http);
  }
}

/** Creates a hub; call `start()` to load, watch and listen. */
export function createHub(options: HubOptions = {}): Hub {
  return new Hub(options);
}
