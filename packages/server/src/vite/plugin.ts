import { Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { Server as HttpsServer } from 'node:https';
import { CLIENT_SCRIPT_PATH } from '@hothub/shared';
import { createHub, type Hub, type HubOptions } from '../hub.js';
import type { Middleware } from '../http/middleware.js';

/** The part of Vite's dev server the plugin uses: hothub does not depend on vite. */
export interface ViteServerLike {
  config: { root: string };
  httpServer: HttpServer | HttpsServer | Http2SecureServer | null;
  middlewares: { use(handler: Middleware): unknown };
}

/** A tag for Vite to add to `index.html`. */
interface HtmlTag {
  tag: string;
  attrs: Record<string, string>;
  injectTo: 'body';
}

export interface HothubVitePlugin {
  name: 'hothub';
  apply: 'serve';
  config(): { server: { watch: { ignored: string[] } } };
  configureServer(server: ViteServerLike): Promise<void>;
  transformIndexHtml(): HtmlTag[];
  closeBundle(): Promise<void>;
}

/** Hub options in Vite: the server, port, host, proxy and https are Vite's. */
export type HothubViteOptions = Omit<HubOptions, 'server' | 'port' | 'host' | 'proxy' | 'https'>;

/**
 * hothub inside Vite's dev server: one origin, no CORS. The hub's routes run as a middleware, its socket
 * on Vite's HTTP server next to Vite's HMR socket, and every page gets the SDK tag. The hub watches its
 * own folders under Vite's root (themes/, components/, styles/, config/, …) with its own watcher; Vite
 * keeps the CSS and modules it imports. Keep them apart: do not import files of hothub's folders from
 * the app's code, or both would reload them.
 * @example
 * // vite.config.js
 * import hothub from 'hothub/vite';
 * export default { plugins: [hothub()] };
 */
export default function hothub(options: HothubViteOptions = {}): HothubVitePlugin {
  let hub: Hub | undefined;
  return {
    name: 'hothub',
    apply: 'serve',
    // The hub writes its history and certificates there: no business of Vite's watcher.
    config: () => ({ server: { watch: { ignored: ['**/.hothub/**'] } } }),
    async configureServer(server) {
      const http = server.httpServer;
      if (!(http instanceof HttpServer || http instanceof HttpsServer)) {
        throw new Error(
          "hothub/vite needs Vite's own HTTP/1.1 server: in middleware mode (server.middlewareMode) or on HTTP/2 (server.https without server.proxy), embed the hub in your server with hub.middleware() instead",
        );
      }
      hub = createHub({ root: server.config.root, ...options, server: http });
      // Added here, before Vite's own middlewares: /hothub/client.js and the hub's page are never Vite's SPA fallback.
      server.middlewares.use(hub.middleware());
      await hub.start();
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: CLIENT_SCRIPT_PATH }, injectTo: 'body' }],
    async closeBundle() {
      await hub?.stop();
    },
  };
}
