import { hubUrlFromScript } from './connection/hub-url.js';
import { connect, type HubClient } from './hub-client.js';

declare global {
  interface Window {
    /** The page's hub connection, created by `<script src=".../hothub/client.js">`. */
    hothub?: HubClient;
  }
}

// Classic-script entry: connect back to the hub that served this file.
const script = document.currentScript as HTMLScriptElement | null;
const url = script?.src ? hubUrlFromScript(script.src) : location.origin;
window.hothub ??= connect({ url });
