import type { HubClient } from '@hothub/client';

declare global {
  interface Window {
    /** Set by the SDK's `<script src=".../hothub/client.js">`. */
    hothub?: HubClient;
    /** A value a test sets to prove the page was not reloaded. */
    marker?: string;
    /** Content-Security-Policy violations of the page, as `directive blocked-uri`. */
    violations?: string[];
    /** An element the app holds on to, to prove the SDK kept it. */
    held?: Element;
    /** What a test's listener recorded in the page. */
    recorded?: unknown[];
  }
}
