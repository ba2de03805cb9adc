import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import { newPage } from '../support/browser.js';
import { startDemoHub } from '../support/demo-hub.js';

const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));

it('shows a success toast that hides itself and a sticky failure, over the demo app (screenshots for the docs)', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.setViewportSize({ width: 900, height: 520 });
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.locator('.counter').waitFor();
  await mkdir(IMAGES, { recursive: true });

  const sheet = join(root, 'styles/main.css');
  await writeFile(sheet, `${await readFile(sheet, 'utf8')}\n`);
  const success = page.locator('hothub-toasts li.success');
  await expect.poll(() => success.textContent()).toContain('main.css reloaded (1 sheet)');
  expect(await page.locator('hothub-toasts ol').getAttribute('aria-live')).toBe('polite');
  await page.screenshot({ path: join(IMAGES, 'toast-success.png'), animations: 'disabled' });
  await expect.poll(() => success.count(), { timeout: 5000 }).toBe(0);

  await writeFile(join(root, 'components/counter.js'), 'export default {\n  mount(el) { el.innerHTML = ; }\n};\n');
  const failure = page.locator('hothub-toasts li.failure');
  await expect.poll(() => failure.textContent()).toContain('components/counter.js:2:');
  await page.screenshot({ path: join(IMAGES, 'toast-failure.png'), animations: 'disabled' });
  await page.locator('hothub-toasts li.failure button[aria-label="Dismiss"]').click();
  expect(await failure.count()).toBe(0);
});

it('groups a burst of 50 changes into one toast', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await Promise.all(Array.from({ length: 50 }, (_, i) => writeFile(join(root, `styles/page-${i}.css`), `.p${i} { color: red; }`)));
  // New sheets the page does not link: one neutral note, never a green "Reloaded".
  const note = page.locator('hothub-toasts li.neutral');
  await expect.poll(() => note.textContent()).toContain('Not used on this page: 50 changes');
  expect(await note.count()).toBe(1);
  expect(await note.textContent()).toMatch(/and 47 more/);
  expect(await page.locator('hothub-toasts li.success').count()).toBe(0);
});

it('does not animate toasts when the user prefers reduced motion', async () => {
  const { hub, root } = await startDemoHub();
  const page = await newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${hub.url}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await writeFile(join(root, 'themes/light.json'), '{ "accent": "#000" }');
  const toast = page.locator('hothub-toasts li.success');
  await toast.waitFor();
  expect(await toast.evaluate((li) => getComputedStyle(li).animationName)).toBe('none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await toast.evaluate((li) => getComputedStyle(li).animationName)).toBe('in');
});

it('shows no toasts with data-toasts="false", while hub.on still reports every event', async () => {
  const { hub, root } = await startDemoHub();
  const app = await startAppServer({
    '/': ['text/html', `<h1 class="title">x</h1><script src="${hub.url}/hothub/client.js" data-toasts="false"></script>`],
  });
  const page = await newPage();
  await page.goto(`${app}/`);
  await page.waitForFunction(() => window.hothub?.connected === true);
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { seen });
    window.hothub!.on('reloaded', (e) => seen.push(`reloaded ${e.id}`));
    window.hothub!.on('reload_failed', (e) => seen.push(`failed ${e.id} ${e.error.line}`));
  });
  await writeFile(join(root, 'styles/main.css'), '.title { color: blue }');
  await writeFile(join(root, 'components/counter.js'), 'export default {\n  mount(el) { el.innerHTML = ; }\n};\n');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen))
    .toEqual(['reloaded main.css', 'failed counter 2']);
  expect(await page.locator('hothub-toasts').count()).toBe(0);
});
