import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

const TOKEN = 'e2e-secret-token';
const titleColour = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('.title')!).color);

/** A page of the app's own server that loads the SDK from the hub, with or without the token. */
async function appPage(hubUrl: string, tokenAttribute: string): Promise<string> {
  return startAppServer({
    '/': [
      'text/html',
      `<link rel="stylesheet" href="${hubUrl}/assets/style/main.css"><h1 class="title">x</h1>
       <script src="${hubUrl}/hothub/client.js" ${tokenAttribute}></script>`,
    ],
  });
}

it('connects with data-token to a hub started with a token and applies saves', async () => {
  const { hub, root } = await startDemoHub({ token: TOKEN });
  const page = await newPage();
  await page.goto(`${await appPage(hub.url!, `data-token="${TOKEN}"`)}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await writeFile(join(root, 'styles/main.css'), '.title { color: rgb(1, 99, 2); }');
  await expect.poll(() => titleColour(page)).toBe('rgb(1, 99, 2)');
});

it('is refused by a hub with a token when the page has none or a wrong one', async () => {
  const { hub } = await startDemoHub({ token: TOKEN });
  for (const attribute of ['', 'data-token="wrong"']) {
    const page = await newPage();
    const refused = page.waitForEvent('console', (message) => message.text().includes('the hub refused the connection'));
    await page.goto(`${await appPage(hub.url!, attribute)}/`);
    expect((await refused).text()).toMatch(/unauthorized/);
    expect(await page.evaluate(() => window.hothub!.connected)).toBe(false);
  }
});
