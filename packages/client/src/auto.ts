import { CLIENT_UI_PATH, KINDS, type KindName, MOUNT_TOKEN } from '@hothub/shared';
import { hubUrlFromScript, socketPathOf } from './connection/hub-url.js';
import { connectHub, type HubClient } from './hub-client.js';
import type { UiModule } from './ui/ui-contract.js';

declare global {
  interface Window {
    /** The page's hub connection, created by `<script src=".../hothub/client.js">`. */
    hothub?: HubClient;
  }
}

// Classic-script entry: connect back to the hub that served this file, configured by the tag:
// `data-toasts="false"` turns the toasts off, `data-overlay="all"|"off"` widens or silences the runtime-error overlay, `data-subscribe="style,theme/dark"` narrows the events,
// `data-token` carries the hub's bearer token (`--token`), `data-style-path="/css/"` says where the app
// serves the hub's style folder (default: its name as the hub reports it, `/styles/`).
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const url = script?.src ? hubUrlFromScript(script.src) : location.origin;
// The hub serving this file replaced MOUNT_TOKEN with where its routes are mounted; left as is
// (a copy not served by a hub), it does not start with `/` and the hub is taken as unmounted.
const served = decodeURIComponent(MOUNT_TOKEN);
const mount = served.startsWith('/') ? served : '';
const entries = (script?.dataset.subscribe ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const isKind = (entry: string): entry is KindName => (KINDS as readonly string[]).includes(entry);
for (const entry of entries) if (!entry.includes('/') && !isKind(entry)) console.warn(`[hothub] data-subscribe: unknown kind "${entry}"`);
// The UI file from the hub that served this script (mount and prefix included): a module, so the hub's
// CORS grant applies, and a page's CSP needs no more than the `script-src` that let client.js in.
const loadUi = (): Promise<UiModule> => import(/* @vite-ignore */ `${url}${CLIENT_UI_PATH}`);
window.hothub ??= connectHub(
  {
    url,
    socketPath: socketPathOf(url, mount),
    toasts: script?.dataset.toasts !== 'false',
    ...(script?.dataset.overlay === 'all' || script?.dataset.overlay === 'off' ? { overlay: script.dataset.overlay } : {}),
    ...(script?.dataset.token ? { token: script.dataset.token } : {}),
    ...(script?.dataset.stylePath ? { publicPaths: { style: script.dataset.stylePath } } : {}),
    ...(entries.length ? { subscribe: { kinds: entries.filter(isKind), ids: entries.filter((e) => e.includes('/')) } } : {}),
  },
  loadUi,
);
