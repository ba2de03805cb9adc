export { connect } from './hub-client.js';
export type { HubClient, HubClientEvents, HubClientOptions } from './hub-client.js';
export { hubUrlFromScript } from './connection/hub-url.js';
export type { HotComponent } from './apply/component-contract.js';
export type { Connected, Reloaded, ReloadFailed, KindName, Subscription } from '@hothub/shared';
