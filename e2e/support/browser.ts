import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';

let browser: Promise<Browser> | undefined;

/**
 * A page in a fresh context (with `options`) of the suite's shared Chromium; fails the test on page errors,
 * except those matching `expected` (a test that makes the page throw on purpose, issue 17).
 */
export async function newPage(options: BrowserContextOptions = {}, expected?: RegExp): Promise<Page> {
  browser ??= chromium.connect(inject('browserWsEndpoint'));
  const context = await (await browser).newContext(options);
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => expected?.test(error.message) || errors.push(error));
  onTestFinished(() => {
    if (errors.length) throw new Error(`page errors: ${errors.map((e) => e.message).join('; ')}`);
  });
  return page;
}
