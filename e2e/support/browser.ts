import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';

let browser: Promise<Browser> | undefined;

/** A page in a fresh context (with `options`) of the suite's shared Chromium; fails the test on page errors. */
export async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
  browser ??= chromium.connect(inject('browserWsEndpoint'));
  const context = await (await browser).newContext(options);
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  onTestFinished(() => {
    if (errors.length) throw new Error(`page errors: ${errors.map((e) => e.message).join('; ')}`);
  });
  return page;
}
