import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWsEndpoint: string;
  }
}

let server: BrowserServer | undefined;
export async function setup(project: TestProject): Promise<void> {
  server = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Playwright gives every launch a fresh, temporary user-data-dir.
    args: [...CHROMIUM_ARGS],
  });
  project.provide('browserWsEndpoint', server.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await server?.close();
}
