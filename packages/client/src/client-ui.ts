export { createBlame } from './runtime/blame.js';
import { Notifications } from './toasts/notifications.js';
import { Toaster } from './toasts/toaster.js';
import type { ClientUi, UiHub } from './ui/ui-contract.js';

/**
 * The SDK's second file, `/hothub/client-ui.mjs`: toasts, the runtime-error overlay and what it blames, loaded by the core
 * once connected so `client.js` keeps within its size budget (issue 3). It imports nothing the core
 * bundles (types only from the core), so the file stands alone for both the classic script and client.mjs.
 */
export function createUi(hub: UiHub): ClientUi {
  return new Notifications(new Toaster(), hub);
}
