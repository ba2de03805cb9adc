import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import type { KindName, Reloaded, ReloadFailed } from '@hothub/shared';
import type { Express } from 'express';
import type { FSWatcher } from 'chokidar';
import { createApp } from './http/create-app.js';
import { builtinKinds } from './kinds/index.js';
import { type HubSettings, type ResolvedSettings, resolveSettings } from './options/hub-options.js';
import { EventLog } from './pipeline/event-log.js';
import { type ActiveArtifact, Pipeline } from './pipeline/pipeline.js';
import { broadcast, createSocketServer, type HubSocketServer } from './realtime/socket-server.js';
import { createLogger, type Logger } from './util/log.js';
import { watchTree } from './watch/create-watcher.js';
import { FileSync } from './watch/file-sync.js';
import { KindFolders } from './watch/kind-folders.js';

export interface HubOptions extends HubSettings {
  /** Where logs go; defaults to stderr at `logLevel`. */
  logger?: Logger;
}

/** In-process events of a hub: the same payloads browsers receive. */
export interface HubEventMap {
  reloaded: [Reloaded];
  reload_failed: [ReloadFailed];
}

/** A folder the hub watches, and whether it exists yet. */
export interface WatchedFolder {
  kind: KindName;
  dir: string;
  exists: boolean;
}

export class PortInUseError extends Error {
  constructor(readonly port: number, readonly host: string) {
    super(`port ${port} on ${host} is already in use; pick another with --port N, or use --port 0 for a free one`);
    this.name = 'PortInUseError';
  }
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
  readonly serverId = randomUUID().slice(0, 8);
  readonly app: Express;
  readonly #logger: Logger;
  readonly #events = new EventLog();
  readonly #folders: KindFolders;
  readonly #pipeline: Pipeline;
  readonly #sync: FileSync;
  #http?: HttpServer;
  #io?: HubSocketServer;
  #watcher?: FSWatcher;
  #url?: string;
  #stopping?: Promise<void>;

  constructor(options: HubOptions = {}) {
    super();
    const { logger, ...settings } = options;
    this.settings = resolveSettings(settings);
    this.#logger = logger ?? createLogger({ level: this.settings.logLevel });
    const kinds = builtinKinds({ inlineLimit: this.settings.inlineLimit });
    this.#folders = new KindFolders(this.settings.root, this.settings.dirs, kinds);
    this.#pipeline = new Pipeline(kinds, this.#events, this.#logger.channel('hothub:pipeline'));
    this.#sync = new FileSync({
      run: (path) => this.#onFileChanged(path),
      debounceMs: this.settings.debounce,
      onError: (error, path) => this.#logger.error(`reload of ${path} failed`, { error: String(error) }),
    });
    this.#pipeline.on('event', (event) => {
      if (this.#io) broadcast(this.#io, event);
      if (event.name === 'reloaded') this.emit('reloaded', event.payload);
      else this.emit('reload_failed', event.payload);
    });
    this.app = createApp({ root: this.settings.root, pipeline: this.#pipeline, folders: this.#folders });
  }

  /** `http://host:port` once listening. */
  get url(): string | undefined {
    return this.#url;
  }

  /** Number of the latest event sent. */
  get seq(): number {
    return this.#events.seq;
  }

  /** Kind folders and whether each exists. */
  folders(): WatchedFolder[] {
    return this.#folders.folders.map(({ kind, dir }) => ({ kind, dir, exists: existsSync(dir) }));
  }

  /** The serving version of every artifact, optionally of one kind. */
  artifacts(kind?: KindName): ActiveArtifact[] {
    return this.#pipeline.list(kind);
  }

  /** Loads every artifact, starts watching and listens; resolves once a save can no longer be missed. */
  async start(): Promise<void> {
    const watchLog = this.#logger.channel('hothub:watch');
    const startup: Promise<unknown>[] = [];
    let ready = false;
    this.#watcher = await watchTree(this.#folders.watchRoots(), {
      include: (path) => this.#folders.include(path),
      onFile: (event, path) => {
        const located = this.#folders.locate(path);
        if (!located) return;
        if (event === 'unlink') {
          this.#pipeline.remove(located.kind, located.id).catch((error: unknown) => watchLog.error(String(error)));
        } else if (!ready) {
          startup.push(this.#pipeline.reload({ ...located, file: path, trigger: 'startup' }));
        } else {
          this.#sync.notify(path);
        }
      },
      onDirectory: (event, path) => {
        const folder = this.#folders.folders.find((f) => f.dir === path);
        if (folder && ready) watchLog.info(`${event === 'addDir' ? 'now watching' : 'folder removed:'} ${this.#display(path)}`);
      },
      onError: (error) => watchLog.error('watcher error', { error: String(error) }),
    });
    ready = true;
    await Promise.allSettled(startup);
    await this.#listen();
  }

  /** Closes watchers, sockets and the server; a second call returns the same promise. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#sync.close();
      const io = this.#io;
      await Promise.allSettled([
        this.#watcher?.close(),
        io ? new Promise<void>((resolve) => void io.close(() => resolve())) : undefined,
      ]);
      this.#http?.closeAllConnections();
      await this.#pipeline.idle();
    })();
    return this.#stopping;
  }

  async #listen(): Promise<void> {
    const http = createServer(this.app);
    this.#http = http;
    this.#io = createSocketServer(http, {
      serverId: this.serverId,
      kinds: this.#folders.folders.map((f) => f.kind),
      currentSeq: () => this.#events.seq,
    });
    const { port, host } = this.settings;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host) : error);
      http.once('error', onError);
      http.listen(port, host, () => {
        http.off('error', onError);
        resolve();
      });
    });
    const address = http.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.#url = `http://${shownHost}:${address.port}`;
  }

  async #onFileChanged(path: string): Promise<boolean> {
    const located = this.#folders.locate(path);
    if (!located) return false;
    const outcome = await this.#pipeline.reload({ ...located, file: path, trigger: 'file' });
    return outcome.status === 'event';
  }

  #display(path: string): string {
    return relative(this.settings.root, path) || '.';
  }
}

/** Creates a hub; call `start()` to load, watch and listen. */
export function createHub(options: HubOptions = {}): Hub {
  return new Hub(options);
}
