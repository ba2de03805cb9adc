import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { sdkTag } from '../support/app-page.js';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

const require = createRequire(import.meta.url);
const FIXTURE = fileURLToPath(new URL('../fixtures/todomvc/', import.meta.url));
const APP_CSS = require.resolve('todomvc-app-css/index.css');
const COMMON = join(require.resolve('todomvc-common/package.json'), '..');

it('restyles TodoMVC (todomvc-app-css, todomvc-common) on 3 saves of its real sheet and survives a broken one, keeping todos and typed text', async () => {
  const { hub, root } = await startDemoHub();
  const sheet = join(root, 'styles/todomvc.css');
  await copyFile(APP_CSS, sheet);
  const original = await readFile(sheet, 'utf8');
  const html = (await readFile(join(FIXTURE, 'index.html'), 'utf8')).replace('<!-- HUB_SCRIPT -->', sdkTag(hub));
  const app = await startAppServer(
    {
      '/': ['text/html', html],
      '/app.js': ['text/javascript', () => readFile(join(FIXTURE, 'app.js'), 'utf8')],
      '/todomvc-common/base.css': ['text/css', () => readFile(join(COMMON, 'base.css'), 'utf8')],
      '/todomvc-common/base.js': ['text/javascript', () => readFile(join(COMMON, 'base.js'), 'utf8')],
      // base.js asks for the "learn" sidebar's data; an empty one shows no sidebar.
      '/learn.json': ['application/json', '{}'],
    },
    { root },
  );
  const page = await newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url}`);
  });
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);

  const input = page.locator('.new-todo');
  for (const title of ['Buy milk', 'Write tests', 'Ship it']) {
    await input.fill(title);
    await input.press('Enter');
  }
  await page.locator('.todo-list li .toggle').first().check();
  await input.fill('half typed');
  const labelColour = () => page.evaluate(() => getComputedStyle(document.querySelector('.todo-list li:nth-child(2) label')!).color);
  const before = await labelColour();

  for (const red of [60, 120, 180]) {
    await writeFile(sheet, `${original}\n.todoapp .todo-list li label { color: rgb(${red}, 10, 10); }\n`);
    await expect.poll(labelColour).toBe(`rgb(${red}, 10, 10)`);
    await expect.poll(() => page.locator('hothub-toasts li.success').textContent()).toContain('todomvc.css reloaded (1 sheet)');
  }
  // A save cut off mid-write is refused: the page keeps the last good rules (and its state) and says why;
  // saving the sheet back as it was clears that failure.
  await writeFile(sheet, `${original}\n.todoapp .todo-list li label { color: rgb(9, 9, 9); `);
  await expect
    .poll(() => page.locator('hothub-toasts li.failure').allTextContents())
    .toContainEqual(expect.stringContaining('style todomvc.css failed to reload'));
  expect(await labelColour()).toBe('rgb(180, 10, 10)');
  await writeFile(sheet, original);
  await expect.poll(labelColour).toBe(before);
  await expect.poll(() => page.locator('hothub-toasts li.failure').count()).toBe(0);
  expect(before).not.toBe('rgb(60, 10, 10)');
  expect(await page.locator('.todo-list li label').allTextContents()).toEqual(['Buy milk', 'Write tests', 'Ship it']);
  expect(await page.locator('.todo-list li.completed').count()).toBe(1);
  expect(await page.locator('.todo-count').textContent()).toBe('2 items left');
  expect(await input.inputValue()).toBe('half typed');
  // todomvc-app-css itself still applies: the title's colour and the completed item's strike-through.
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.todoapp h1')!).color)).toBe('rgb(184, 63, 69)');
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('li.completed label')!).textDecorationLine)).toBe('line-through');
  expect(consoleErrors).toEqual([]);
});
