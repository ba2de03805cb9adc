import {
  ASSETS_PATH,
  type ClientToServerEvents,
  Connected,
  errorMessage,
  type Infer,
  Published,
  type ReloadError,
  ReloadFailed,
  Reloaded,
  SOCKET_PATH,
  type Schema,
  type ServerToClientEvents,
  type Subscription,
  type TopicSchemas,
  validate,
} from '@hothub/shared';
import { io, type Socket } from 'socket.io-client';
import { applyAsset } from './apply/asset.js';
import { ComponentHost, MountFailure } from './apply/component.js';
import { type HotModule, HotModules } from './apply/hot-modules.js';
import { reloadPage, restoreScroll, usesPage } from './apply/page.js';
import { createUpdateQueue } from './apply/queue.js';
import { sheetRoots } from './apply/sheet-roots.js';
import type { SheetSource } from './apply/sheet-match.js';
import { applyStyle } from './apply/style.js';
import { ThemeController } from './apply/theme.js';
import { assetHref } from './connection/asset-href.js';
import { SeqTracker } from './connection/seq-tracker.js';
import { type TopicHandler, Topics, type TypedTopics } from './connection/topics.js';
import { Emitter } from './emitter.js';
import type { AppliedHere, OverlayMode } from './runtime/blame.js';
import { type PageError, watchPageErrors } from './runtime/page-errors.js';
import { lazyUi } from './ui/lazy-ui.js';
import type { UiModule } from './ui/ui-contract.js';

export interface HubClientOptions {
  /** Base URL of the hub (origin plus any path prefix). Default: the page's origin. */
  url?: string;
  /**
   * Path of the hub's socket endpoint on the url's origin. Default: the url's path plus `/ws/hot-reload`.
   * Set it when the hub's routes are mounted in an app (`app.use('/hot', hub.app)`): its socket is then
   * at `/ws/hot-reload`. The `/hothub/client.js` a hub serves sets it itself.
   */
  socketPath?: string;
  /** Built-in toasts for reloads, failures and the connection (default true). */
  toasts?: boolean;
  /**
   * Runtime errors of the page in a sticky toast: `'blamed'` (default) those the SDK blames on a version it
   * applied (reported to the hub too), `'all'` also the others, `'off'` none (blamed ones are still reported).
   */
  overlay?: OverlayMode;
  /** Only these kinds and artifacts (`style/main.css`); default: everything. */
  subscribe?: Subscription;
  /** The hub's bearer token, when it runs with `--token`. */
  token?: string;
  /**
   * Where the app itself serves the hub's folders, when it links them from its own origin:
   * `{ style: '/css/' }` makes `<link href="/css/main.css">` the sheet `styles/main.css`.
   * Default: the hub's style folder as its `connected` event names it (`/styles/`, `/css/` for `dirs: { style: 'css' }`).
   * Links to the hub's `/assets/style/…` always match.
   */
  publicPaths?: { style?: string; asset?: string };
}

/** What `hub.on()` can listen to. */
export interface HubClientEvents extends Record<string, unknown> {
  connected: Connected;
  reloaded: Reloaded;
  /** The hub refused a change, or this page could not apply one (then `rolledBack` is true). */
  reload_failed: ReloadFailed;
  /** An application event (`hub.publish`, `POST /publish`), of the page's topics when it chose some. */
  published: Published;
  disconnected: { reason: string };
}

export interface HubClient {
  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof HubClientEvents>(name: K, handler: (payload: HubClientEvents[K]) => void): () => void;
  /** `seq` of the latest event this page has seen. */
  readonly lastSeq: number;
  readonly connected: boolean;
  /** The active theme, or null. */
  readonly theme: string | null;
  /** Switches to `themes/<name>.json` or `.css` and remembers the choice; rejects when there is no such theme. */
  setTheme(name: string): Promise<void>;
  /**
   * Calls `handler` with each `published` event of `topic`, once, in `seq` order with reloads. The page then
   * gets the topics it subscribed to only (all of them while it subscribes to none). Returns the unsubscribe.
   */
  subscribe(topic: string, handler: TopicHandler): () => void;
  /** `subscribe` with each topic's data typed and checked by its schema (zod 4, valibot, any Standard Schema). */
  topics<S extends TopicSchemas>(schemas: S): TypedTopics<S>;
  /** The `import.meta.hot` of module `id` under `components/` (`store` for `components/store.js`): see HotModule. */
  hot(id: string): HotModule;
  /** Resolves once every update received so far has been applied. */
  settled(): Promise<void>;
  /**
   * Disconnects and leaves the page as the app made it, plus what was applied: observers stop, the
   * toasts and the theme's sheet go; stylesheets and mounted components stay. A second call does nothing.
   */
  close(): void;
}

/**
 * `connect()` (index.ts) of either build: `loadUi` fetches the UI file (toasts, overlay) the first time
 * the page shows something, from the bundle (client.mjs) or from the hub that served client.js.
 */
export function connectHub(options: HubClientOptions, loadUi: () => Promise<UiModule>): HubClient {
  const base = new URL(options.url ?? location.origin, location.href);
  const hubUrl = base.href.replace(/\/+$/, '');
  const prefix = base.pathname.replace(/\/+$/, '');
  const seqs = new SeqTracker();
  const topics = new Topics((list) => {
    if (socket.connected) socket.emit('topics', { topics: list }, (ack) => ack.ok || console.warn(`[hothub] the hub refused topics: ${ack.error}`));
  });
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(base.origin, {
    path: options.socketPath ?? `${prefix}${SOCKET_PATH}`,
    transports: ['websocket', 'polling'],
    // A function, so every reconnection tells the hub where this page left off.
    auth: (send) =>
      send({
        ...seqs.resume(),
        // Cut to the handshake's bound (2,000), or a long URL would keep the page from connecting.
        page: location.href.slice(0, 2e3),
        ...(options.subscribe ? { subscribe: options.subscribe } : {}),
        ...(topics.list().length ? { topics: topics.list() } : {}),
        ...(options.token ? { token: options.token } : {}),
      }),
  });
  const emitter = new Emitter<HubClientEvents>();
  const notes = lazyUi(options.toasts === false ? undefined : loadUi, { hubUrl, ...(options.token ? { token: options.token } : {}) });
  /** The URL (or version) each artifact last applied here, so a snapshot re-applies nothing unchanged. */
  const applied = new Map<string, string>();
  /** What this page applied and when, latest last: what a runtime error is blamed on. */
  const appliedHere = new Map<string, AppliedHere>();
  const hot = new HotModules();
  let tail: Promise<void> = Promise.resolve();
  const enqueue = createUpdateQueue((error) => console.error('[hothub] could not apply an update', error));

  const failed = (event: ReloadFailed) => {
    failing.add(`${event.kind}/${event.id}`);
    notes.failed(event);
    emitter.emit('reload_failed', event);
  };
  /** This page could not apply `event`: it kept the old version; tell the user, the app and the hub. */
  const applyFailed = (kind: Reloaded['kind'], id: string, error: ReloadError, cause?: Reloaded) => {
    failed({ seq: cause?.seq ?? seqs.lastSeq, ts: Date.now(), kind, id, trigger: cause?.trigger ?? 'file', error, rolledBack: true });
    const report = { kind, id, error, page: location.href, ...(cause ? { version: cause.version } : {}) };
    socket.emit('apply_failed', report, (ack) => {
      if (!ack.ok) console.warn(`[hothub] the hub refused a failure report: ${ack.error}`);
    });
  };
  const sheets: SheetSource = { hubUrl, publicPath: options.publicPaths?.style ?? '/styles/' };
  const assets: SheetSource = { hubUrl, publicPath: options.publicPaths?.asset ?? '/assets/' };
  /** Targets whose latest update failed here, so undoing the broken save can clear the failure. */
  const failing = new Set<string>();
  const components = new ComponentHost(hubUrl, (failure) => applyFailed('component', failure.id, failure.error));
  const theme = new ThemeController(hubUrl);

  const apply = async (event: Reloaded) => {
    const key = `${event.kind}/${event.id}`;
    if (applied.get(key) === (event.url ?? event.version)) {
      // The page has this version: nothing to apply, unless it also shows a failure for it (a save undone).
      if (failing.delete(key)) {
        notes.recovered(event);
        emitter.emit('reloaded', event);
      }
    } else {
      let used: number | undefined;
      try {
        used = await applyReloaded(event);
      } catch (error) {
        const reason = error instanceof MountFailure ? error.error : { message: errorMessage(error) };
        return applyFailed(event.kind, event.id, reason, event);
      }
      appliedHere.delete(key);
      appliedHere.set(key, { event, at: Date.now(), before: applied.get(key) });
      applied.set(key, event.url ?? event.version);
      failing.delete(key);
      notes.reloaded(event, used);
      emitter.emit('reloaded', event);
    }
    // The hub's `GET /clients` and save-to-applied figures: this page has `event`'s version.
    socket.emit('applied', { seq: event.seq });
  };

  /** Applies `event` here; resolves to how many places on this page took it (sheets, the active theme), when counted. */
  const applyReloaded = async (event: Reloaded): Promise<number | undefined> => {
    switch (event.kind) {
      case 'style': {
        // A deleted sheet stays in the page as it last was, like any last good version.
        if (event.removed) return undefined;
        const counts = await Promise.all(sheetRoots().map((root) => applyStyle(event, sheets, root)));
        return counts.reduce((sum, n) => sum + n, 0);
      }
      case 'theme':
        return event.removed ? undefined : Number(await theme.reload(event));
      case 'component':
        if (!event.removed && event.url) {
          await components.reload(event.id, event.url);
          await hot.swap(event.id, assetHref(hubUrl, event.url));
        }
        return undefined;
      case 'page':
        // Whether the hub could tell or not, a page that may use the file reloads (after a toast saying so).
        if (event.removed || !usesPage(event.id)) return event.removed ? undefined : 0;
        reloadPage();
        return 1;
      case 'asset':
        return event.removed ? undefined : sheetRoots().reduce((sum, root) => sum + applyAsset(event, assets, root), 0);
      case 'wizard':
      case 'plugin':
      case 'config':
        // Server-side kinds: the page is only told.
        return undefined;
      default: {
        const never: never = event.kind;
        throw new Error(`unknown kind ${String(never)}`);
      }
    }
  };

  const accept = <S extends Schema>(schema: S, raw: unknown, name: string): Infer<S> | undefined => {
    const result = validate(schema, raw, `${name} event`);
    if (result.ok) return result.value;
    console.warn(`[hothub] dropped an event: ${result.error.message}`);
    return undefined;
  };

  socket.on('connected', (raw) => {
    const event = accept(Connected, raw, 'connected');
    if (!event) return;
    seqs.connected(event.serverId, event.seq);
    // Unless told otherwise, the app serves the hub's style folder under the same name (`css/` → `/css/`).
    if (!options.publicPaths?.style && event.folders?.style) sheets.publicPath = `/${event.folders.style}/`;
    if (!options.publicPaths?.asset && event.folders?.asset) assets.publicPath = `/${event.folders.asset}/`;
    notes.connected();
    emitter.emit('connected', event);
  });
  socket.on('reloaded', (raw) => {
    const event = accept(Reloaded, raw, 'reloaded');
    if (event && seqs.take(event.seq)) tail = enqueue(() => apply(event));
  });
  socket.on('reload_failed', (raw) => {
    const event = accept(ReloadFailed, raw, 'reload_failed');
    if (!event || !seqs.take(event.seq)) return;
    tail = enqueue(async () => {
      // Pages reported errors running a component version and the hub took it back (probation): this page goes
      // back to the version it had before too, or it would keep running the one the hub no longer serves.
      // Not when this page could not apply that version (it failing here): it still runs the one before.
      // (A version it had since it loaded came from the unversioned URL.)
      const key = `${event.kind}/${event.id}`;
      const here = event.trigger === 'runtime' && event.rolledBack && event.kind === 'component' && !failing.has(key) && appliedHere.get(key);
      failed(event);
      if (!here) return;
      const before = here.before ?? `${ASSETS_PATH}/component/${event.id}.js`;
      await components.reload(event.id, before);
      applied.set(key, before);
      appliedHere.delete(key);
    });
  });
  socket.on('published', (raw) => {
    const event = accept(Published, raw, 'published');
    if (event && seqs.take(event.seq)) {
      tail = enqueue(() => {
        emitter.emit('published', event);
        topics.deliver(event);
      });
    }
  });
  socket.on('disconnect', (reason) => {
    notes.disconnected();
    emitter.emit('disconnected', { reason });
    // The hub dropped the page on purpose when it stopped (an embedded hub): come back when it does.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    // A refusal by the hub (a missing or wrong token) is final: socket.io does not retry it.
    if (!socket.active) console.warn(`[hothub] the hub refused the connection: ${error.message}`);
  });

  // Blamed in the UI file, loaded at the first error: what was applied is read now, the error may be later.
  let blame: Promise<(error: PageError, applied: AppliedHere[]) => void> | undefined;
  const stopErrors = watchPageErrors((error) => {
    const applied = [...appliedHere.values()];
    blame ??= loadUi().then((ui) =>
      ui.createBlame({
        overlay: options.overlay ?? 'blamed',
        show: (fault) => notes.runtimeError(fault),
        report: (report) => socket.emit('runtime_error', report, (ack) => ack.ok || console.warn(`[hothub] the hub refused an error report: ${ack.error}`)),
      }),
    );
    blame.then(
      (take) => take(error, applied),
      (failure: unknown) => console.warn('[hothub] could not load client-ui.mjs to show a page error', failure),
    );
  });
  restoreScroll();
  components.start();
  theme.start().catch((error: unknown) => console.warn('[hothub] could not apply the theme', error));

  return {
    on: (name, handler) => emitter.on(name, handler),
    get lastSeq() {
      return seqs.lastSeq;
    },
    get connected() {
      return socket.connected;
    },
    get theme() {
      return theme.name;
    },
    setTheme: (name) => theme.set(name),
    subscribe: (topic, handler) => topics.subscribe(topic, handler),
    topics: (schemas) => topics.typed(schemas),
    hot: (id) => hot.hot(id),
    settled: () => tail,
    close: () => {
      socket.close();
      stopErrors();
      components.stop();
      theme.stop();
      // Last: closing the socket just put up a "connection lost" toast.
      notes.close();
    },
  };
}
