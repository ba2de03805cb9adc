import { existsSync } from 'node:fs';
import { type ActiveAlert, type ConnectedPage, errorMessage, type HealthReport, type HistoryQuery, type HubStatus, type Published, type PublishRequest, type Reloaded, type ReloadStatistics, type Trigger } from '@hothub/shared';
import { ANY_HOST } from '../access/access-policy.js';
import type { ResolvedSettings } from '../options/hub-options.js';
import type { EventLog, HubEvent, LoggedEvent } from '../pipeline/event-log.js';
import type { RunOrigin } from '../pipeline/pipeline.js';
import type { HealthMonitor } from '../health/health-monitor.js';
import type { Serving } from '../pipeline/serving.js';
import type { Logger } from '../util/log.js';
import type { KindFolders } from '../watch/kind-folders.js';
import { AlertChanges } from './alert-changes.js';
import { AlertWebhook } from './alert-webhook.js';
import { Alerts } from './alerts.js';
import { DeliveryStats } from './delivery-stats.js';
import { HubMetrics } from './hub-metrics.js';
import { packageVersion } from './package-version.js';
import { queryHistory } from './reload-history.js';
import { ReloadStats } from './reload-stats.js';

/** What the operations API reads from the hub it serves. */
export interface OpsSources {
  settings: ResolvedSettings;
  /** What serves now, counted per kind in `/status`. */
  serving: Pick<Serving, 'list'>;
  events: EventLog;
  /** The kind folders and watch rules, and whether each exists. */
  folders: Pick<KindFolders, 'status'>;
  logger: Logger;
  /** Listening and not stopping. */
  running(): boolean;
  /** Whether the file watcher is up (dev mode). */
  watcher: { readonly watching: boolean };
  connections(): number;
  /** This hub's connected pages and what each applied (`realtime/pages.ts`). */
  clients(): ConnectedPage[];
  /** Every hub's pages, in a cluster through the adapter's `fetchSockets()`; this hub's alone otherwise. */
  everyClient(): Promise<ConnectedPage[]>;
  reload(target: string, trigger: Trigger, origin?: RunOrigin): Promise<HubEvent[]>;
  /** `hub.publish`: checks, numbers and sends an application event (issue 17). */
  publish(topic: string, data: unknown, options: { triggeredBy?: string }): Promise<Published>;
  /** Runs the built-in and application checks now, named as `/health` shows them; `alerts()`: `health_checks` while one fails. */
  health: Pick<HealthMonitor, 'check' | 'alerts'>;
  /** In-process handlers the application registered (config subscriptions, `hub.on` listeners). */
  handlers(): number;
}

/** Statistics, alerts and metrics of a hub, fed by its pipeline; what the operations routers serve. */
export class HubOps {
  readonly settings: ResolvedSettings;
  readonly metrics: HubMetrics;
  readonly #sources: OpsSources;
  readonly #stats = new ReloadStats();
  readonly #deliveries = new DeliveryStats();
  readonly #alerts: Alerts;
  readonly #version = packageVersion();
  readonly #startedAt = Date.now();
  /** `--alert-webhook`: each raised and cleared alert, checked after every event and every health interval. */
  readonly #push: { webhook: AlertWebhook; changes: AlertChanges; timer: NodeJS.Timeout } | undefined;

  constructor(sources: OpsSources) {
    this.#sources = sources;
    this.settings = sources.settings;
    const alertLog = sources.logger.channel('hothub:alerts');
    // Dev output is a developer's terminal: one line per reload; alerts are for operators (debug there).
    const raised = sources.settings.mode === 'dev' ? alertLog.debug : alertLog.warn;
    this.#alerts = new Alerts(sources.settings.alerts, (alert) => raised(`alert ${alert.name}: ${alert.message}`, { alert }));
    const { alertWebhook, healthInterval } = sources.settings;
    this.#push = alertWebhook === undefined ? undefined : {
      webhook: new AlertWebhook(alertWebhook, alertLog),
      changes: new AlertChanges(),
      timer: setInterval(() => this.#pushAlerts(), healthInterval * 1000).unref(),
    };
    this.metrics = new HubMetrics({ connections: sources.connections, alerts: () => this.alerts() });
  }

  /** Counts an event the hub sent: statistics, alerts, metrics (a consumer in `after-run.ts`). */
  record(event: HubEvent): void {
    this.#stats.record(event);
    this.#alerts.record(event);
    this.metrics.record(event);
    this.#pushAlerts();
  }

  /** A page's `runtime_error`: counted in `failure_rate`, never as a reload in the statistics (issue 17). */
  recordRuntimeError(): void {
    this.#alerts.recordRuntimeError();
    this.#pushAlerts();
  }

  /** `POST /publish`: numbers and sends an application event; throws `PublishRefused` (issue 17). */
  publish(request: PublishRequest): Promise<Published> {
    const { topic, data, triggeredBy } = request;
    return this.#sources.publish(topic, data, triggeredBy === undefined ? {} : { triggeredBy });
  }

  /** Stops pushing alerts (the hub stops). */
  async stop(): Promise<void> {
    clearInterval(this.#push?.timer);
    await this.#push?.webhook.close();
  }

  #pushAlerts(): void {
    if (!this.#push) return;
    for (const notice of this.#push.changes.diff(this.alerts(), Date.now())) this.#push.webhook.send(notice);
  }

  /** A page applied `event` live (its `applied` acknowledgement): save-to-applied, per kind. */
  delivered(event: Reloaded): void {
    this.metrics.delivered(event.kind, this.#deliveries.record(event));
  }

  reload(target: string, trigger: Trigger, origin?: RunOrigin): Promise<HubEvent[]> {
    return this.#sources.reload(target, trigger, origin);
  }

  alerts(): ActiveAlert[] {
    return [...this.#alerts.active(), ...this.#sources.health.alerts()];
  }

  statistics(): ReloadStatistics {
    const { periodic } = this.settings;
    return {
      ...this.#stats.statistics(),
      appliedMs: this.#deliveries.statistics(),
      handlersRegistered: this.#sources.handlers(),
      periodicRefreshEnabled: periodic !== undefined,
      refreshIntervalSeconds: periodic ?? null,
    };
  }

  clients(): ConnectedPage[] {
    return this.#sources.clients();
  }

  /**
   * `GET /clients`: the pages of every hub of a cluster, each with the hub that serves it. A hub that does not
   * answer in time (socket.io's adapter waits 5 s) leaves this hub's own pages, with a warning.
   */
  everyClient(): Promise<ConnectedPage[]> {
    return this.#sources.everyClient().catch((error: unknown) => {
      this.#sources.logger.channel('hothub:cluster').warn("GET /clients lists this hub's pages only: the other hubs did not answer", { error: errorMessage(error) });
      return this.clients();
    });
  }

  history(query: HistoryQuery): { events: LoggedEvent[]; total: number } {
    return queryHistory(this.#sources.events.since(0), query);
  }

  /** The hub's own checks, the built-in ones and every check the application registered (`app:<name>`). */
  async health(): Promise<HealthReport> {
    const { settings, running, watcher } = this.#sources;
    const checks: HealthReport['checks'] = {
      root: existsSync(settings.root) ? { ok: true } : { ok: false, message: `root folder ${settings.root} is missing` },
      server: running() ? { ok: true } : { ok: false, message: 'not listening' },
    };
    if (settings.mode === 'dev') checks.watcher = watcher.watching ? { ok: true } : { ok: false, message: 'file watcher is not running' };
    const { results, at } = await this.#sources.health.check();
    for (const { name, ok, message } of results) checks[name] = message === undefined ? { ok } : { ok, message };
    return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'fail', checks, checkedAt: at };
  }

  /** `details: false` leaves out what names files on disk (`watchDirs`). */
  status(options: { details: boolean }): HubStatus {
    const { settings, serving } = this.#sources;
    const watchDirs = this.#sources.folders.status();
    return {
      enabled: settings.mode === 'dev' && this.#sources.watcher.watching,
      running: this.#sources.running(),
      mode: settings.mode,
      version: this.#version,
      uptimeS: Math.round((Date.now() - this.#startedAt) / 1000),
      ...(options.details ? { watchDirs } : {}),
      reloadCount: this.#stats.successful,
      connections: this.#sources.connections(),
      lagging: this.clients().filter((page) => page.behind.length > 0).length,
      kinds: Object.fromEntries(
        watchDirs.map(({ kind }) => {
          const counts = this.#stats.kind(kind);
          return [kind, { artifacts: serving.list(kind).length, reloads: counts.successful, failures: counts.failed }];
        }),
      ),
      alerts: this.alerts(),
      access: {
        loopbackOrigins: true,
        origins: settings.corsOrigins,
        allowedHosts: settings.allowedHosts,
        hostCheck: !settings.allowedHosts.some((host) => ANY_HOST.includes(host)),
        token: settings.token !== undefined,
      },
    };
  }
}
