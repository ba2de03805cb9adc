import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.HOTHUB_CHROMIUM ?? '/usr/bin/chromium';

/** The same flags as the e2e suite: headless, off the network. */
const CHROMIUM_ARGS = (await import('../../e2e/support/chromium-args.json', { with: { type: 'json' } })).default;

/** One headless Chromium for the whole run; each tool gets a fresh context. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** `Chromium 156.0.…` as the binary reports it (Debian's wrapper script also prints noise on stderr). */
export function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
