import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOUNT_TOKEN, type Reloaded, SOCKET_PATH, validate, WizardList } from '@hothub/shared';
import express from 'express';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHub, type HubOptions } from '../src/index.js';
import { createLogger } from '../src/util/log.js';
import { connectClient, startHub } from './support/hub.js';
import { answerOf, wizardSource } from './support/modules.js';
import { listenWithHub } from './support/app-with-hub.js';
import { eventually } from './support/poll.js';
import { startRedis } from './support/redis.js';
import { tempRoot, write } from './support/temp-root.js';

const EXAMPLE = fileURLToPath(new URL('../examples/embed-express.mjs', import.meta.url));
const greet = (greeting: string) =>
  `export class GreetWizard {\n  run({ name }) {\n    return '${greeting}, ' + name;\n  }\n}\n`;

/** An express app on its own server (https with `tls`), with a hub attached to it and mounted under /hot. */
async function embeddedHub(root: string, options: HubOptions = {}, tls?: { key: Buffer; cert: Buffer }) {
  const app = express();
  app.get('/app', (_req, res) => void res.send('the app'));
  const server = tls ? createHttpsServer(tls, app) : createServer(app);
  const hub = createHub({ root, server, logger: createLogger({ level: 'silent' }), ...options });
  app.use('/hot', hub.app);
  return { hub, server, url: await listenWithHub(server, hub) };
}

describe('embedding', () => {
  it('attaches to an app’s server: one port for the app, the hub routes under a prefix and the socket', async () => {
    const root = await tempRoot({ 'wizards/debug_wizard.js': wizardSource('v1') });
    const { hub, url } = await embeddedHub(root);
    expect(hub.url).toBe(url);
    expect(await (await fetch(`${url}/app`)).text()).toBe('the app');
    const listed = validate(WizardList, await (await fetch(`${url}/hot/wizards`)).json());
    expect(listed.ok && listed.value.wizards.map((w) => w.id)).toEqual(['debug']);
    const script = await fetch(`${url}/hot/hothub/client.js`);
    expect(script.status).toBe(200);
    // Told where it is mounted, the SDK connects to this server's /ws/hot-reload, not /hot/ws/hot-reload.
    const body = await script.text();
    expect(body).toContain('%2Fhot');
    expect(body).not.toContain(MOUNT_TOKEN);

    const inProcess: Reloaded[] = [];
    hub.on('reloaded', (event) => inProcess.push(event));
    const client = await connectClient(url);
    await write(root, 'wizards/debug_wizard.js', wizardSource('v2'));
    await eventually(() => expect(client.reloaded).toHaveLength(1));
    expect(inProcess).toEqual(client.reloaded);
    expect(answerOf(hub.wizards, 'debug')).toBe('v2');
  });

  it('stops without closing the app’s server, and no longer answers on the socket path', async () => {
    const root = await tempRoot();
    const { hub, url } = await embeddedHub(root);
    const client = await connectClient(url);
    const disconnected = new Promise<void>((resolve) => client.socket.once('disconnect', () => resolve()));
    await hub.stop();
    await disconnected;
    expect(await (await fetch(`${url}/app`)).text()).toBe('the app');
    const handshake = await fetch(`${url}${SOCKET_PATH}/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(404);
    // hub.app stays mounted in the app: its paths say the hub stopped instead of serving what it last had.
    const script = await fetch(`${url}/hot/hothub/client.js`);
    expect(script.status).toBe(503);
    expect(await script.json()).toMatchObject({ error: { code: 'hub_stopped' } });
    expect((await fetch(`${url}/hot/status`)).status).toBe(503);
  });

  it('stopping an embedded hub leaves the pages of another hub on the same Redis connected', async () => {
    const redis = await startRedis();
    const root = await tempRoot({ 'styles/main.css': 'a{}' });
    const other = await startHub({ root, redis: redis.url });
    const embedded = await embeddedHub(root, { redis: redis.url });
    const client = await connectClient(other.url!);
    let disconnects = 0;
    client.socket.on('disconnect', () => disconnects++);
    await embedded.hub.stop();

    await write(root, 'styles/main.css', 'a{color:red}');
    await eventually(() => expect(client.reloaded.map((e) => e.id)).toEqual(['main.css']));
    await write(root, 'styles/main.css', 'a{color:blue}');
    await eventually(() => expect(client.reloaded).toHaveLength(2));
    expect(disconnects).toBe(0);
  });

  it('says https:// in hub.url when attached to an https.Server, and pages connect over TLS', async () => {
    const root = await tempRoot({ 'styles/main.css': 'a{}' });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(root, 'key.pem'), '-out', join(root, 'cert.pem')], { stdio: 'ignore' });
    const { hub, url } = await embeddedHub(root, {}, { key: readFileSync(join(root, 'key.pem')), cert: readFileSync(join(root, 'cert.pem')) });
    expect(url).toMatch(/^https:/);
    expect(hub.url).toBe(url);

    const socket = io(url, { path: SOCKET_PATH, transports: ['websocket'], rejectUnauthorized: false });
    onTestFinished(() => void socket.close());
    const reloaded: Reloaded[] = [];
    socket.on('reloaded', (event) => reloaded.push(event));
    await new Promise<void>((resolve) => socket.on('connected', () => resolve()));
    await write(root, 'styles/main.css', 'a{color:red}');
    await eventually(() => expect(reloaded.map((e) => e.id)).toEqual(['main.css']));
  });

  it('runs the documented example: an express app calls the serving wizard while it is edited', async () => {
    const root = await tempRoot({ 'wizards/greet_wizard.js': greet('Hello') });
    const child = spawn(process.execPath, [EXAMPLE], { env: { ...process.env, APP_ROOT: root, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    const url = await eventually(() => {
      const match = /app listening on (http:\S+)/.exec(out);
      expect(match).not.toBeNull();
      return match![1]!;
    });
    const run = async () => (await fetch(`${url}/run/greet?name=Ada`)).json();
    expect(await run()).toEqual({ result: 'Hello, Ada' });

    await write(root, 'wizards/greet_wizard.js', greet('Bonjour'));
    await eventually(async () => expect(await run()).toEqual({ result: 'Bonjour, Ada' }));
    await write(root, 'wizards/greet_wizard.js', 'export class GreetWizard {}\n');
    await eventually(() => expect(out).toMatch(/wizard greet failed: onWizard refused to register wizard "greet"/));
    expect(await run()).toEqual({ result: 'Bonjour, Ada' });

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
