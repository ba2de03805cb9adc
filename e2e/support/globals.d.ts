import type { HubClient } from '@hothub/client';

declare global {
  interface Window {
    /** Set by the SDK's `<script src=".../hothub/client.js">`. */
    hothub?: HubClient;
    /** A value a test sets to prove the page was not reloaded. */
    marker?: string;
  }
}
