import type { Page } from 'playwright-core';
import { newPage } from './browser.js';

/** The URL of a started hub. */
export function startedUrl(hub: { url: string | undefined }): string {
  if (!hub.url) throw new Error('the hub has no URL yet: start it first');
  return hub.url;
}

/** The SDK's script tag for a started hub, with extra attributes such as `data-style-path="/css/"`. */
export function sdkTag(hub: { url: string | undefined }, attributes = ''): string {
  return `<script src="${startedUrl(hub)}/hothub/client.js"${attributes ? ` ${attributes}` : ''}></script>`;
}

/** Opens `url` in a fresh page that records CSP violations, and waits for the SDK to connect. */
export async function openAppPage(url: string): Promise<Page> {
  const page = await newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForFunction(() => window.hothub?.connected === true);
  return page;
}

/** The computed `color` of the first element matching `selector`, in the page or in its first iframe. */
export function colourOf(page: Page, selector: string, inFrame = false): Promise<string> {
  return page.evaluate(
    ([sel, frame]) => {
      const doc = frame ? document.querySelector('iframe')!.contentDocument! : document;
      return getComputedStyle(doc.querySelector(sel)!).color;
    },
    [selector, inFrame] as const,
  );
}
