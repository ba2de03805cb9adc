import { Connected, validate } from '@hothub/shared';
import { expect, it } from 'vitest';
import { connectClient, startHub } from './support/hub.js';
import { tempRoot } from './support/temp-root.js';

it("tells each page the hub's kinds and their folders relative to the root, as configured", async () => {
  const root = await tempRoot({ 'css/main.css': 'a{}' });
  const hub = await startHub({ root, dirs: { style: 'css', component: './src/components/' } });
  const page = await connectClient(hub.url!);
  const [greeting] = page.connected;
  expect(validate(Connected, greeting).ok).toBe(true);
  expect(greeting?.kinds).toEqual(['wizard', 'plugin', 'component', 'theme', 'style', 'config', 'page', 'asset']);
  expect(greeting?.folders).toEqual({
    wizard: 'wizards',
    plugin: 'plugins',
    component: 'src/components',
    theme: 'themes',
    style: 'css',
    config: 'config',
    page: 'pages',
    asset: 'assets',
  });
});
