import { connectHub, type HubClient, type HubClientOptions } from './hub-client.js';

/**
 * Connects the page to a hub and applies every change it announces: stylesheets (in the document
 * and in open shadow roots), the active theme, and components, which keep their state.
 * @example
 * import { connect } from '@hothub/client';
 * const hub = connect({ url: 'http://127.0.0.1:8888', toasts: false });
 * hub.on('reloaded', (e) => console.log(`${e.kind} ${e.id} reloaded`));
 */
export function connect(options: HubClientOptions = {}): HubClient {
  // A dynamic import of the UI entry: client.mjs loads `./client-ui.mjs` beside it, and a bundler splits it off.
  return connectHub(options, () => import('./client-ui.js'));
}

export type { HubClient, HubClientEvents, HubClientOptions } from './hub-client.js';
export { hubUrlFromScript } from './connection/hub-url.js';
export type { HotComponent } from './apply/component-contract.js';
export type { HotModule } from './apply/hot-modules.js';
export type { TopicHandler, TypedTopics } from './connection/topics.js';
export type { OverlayMode } from './runtime/blame.js';
export type { Connected, Reloaded, ReloadFailed, KindName, Subscription, Published, Topic } from '@hothub/shared';
