// An express app that owns its HTTP server and embeds hothub in it.
// Run it (after `npm install hothub express`, or from this repository after `pnpm build`):
//   APP_ROOT=./my-app PORT=3000 node embed-express.mjs
// Then save my-app/wizards/greet_wizard.js and call http://127.0.0.1:3000/run/greet?name=Ada,
// or open http://127.0.0.1:3000/ and save my-app/styles/main.css.
import { createServer } from 'node:http';
import express from 'express';
import { createHub } from 'hothub';

const root = process.env.APP_ROOT ?? process.cwd();
const port = Number(process.env.PORT ?? 3000);

const app = express();
const server = createServer(app);

const hub = createHub({
  root,
  // Attach to this server: the hub listens on nothing itself, browsers connect to /ws/hot-reload here.
  server,
  // Refuse wizards without a run() method: the previous version keeps serving.
  onWizard: (_id, WizardClass) => typeof WizardClass.prototype.run === 'function',
  // What each plugin's initialize(config) receives.
  pluginConfig: { search: { indexName: 'docs' } },
});

// The hub's routes (GET /hot/wizards, /hot/plugins, /hot/hothub/client.js, …) under a prefix.
app.use('/hot', hub.app);

// A page of the app: its sheet and the SDK come from the hub under /hot, and the SDK connects back to
// this server's /ws/hot-reload. Saving my-app/styles/main.css restyles the open page in place.
app.get('/', (_req, res) => {
  res.type('html').send(`<!doctype html>
<link rel="stylesheet" href="/hot/assets/style/main.css">
<h1 class="title">my app</h1>
<script src="/hot/hothub/client.js"></script>`);
});

// The app calls whatever version of a wizard is serving now.
app.get('/run/:id', async (req, res) => {
  const wizard = hub.wizards.get(req.params.id);
  if (!wizard || !('run' in wizard) || typeof wizard.run !== 'function') {
    res.status(404).json({ error: `no wizard ${req.params.id}` });
    return;
  }
  res.json({ result: await wizard.run(req.query) });
});

hub.on('reloaded', (event) => {
  const via = event.cause?.chain ? ` (imports ${event.cause.file})` : '';
  console.log(`${event.removed ? 'removed' : 'reloaded'} ${event.kind} ${event.id}${via}`);
});
hub.on('reload_failed', (event) => {
  const where = event.error.line ? ` at ${event.error.file}:${event.error.line}:${event.error.column}` : '';
  console.error(`${event.kind} ${event.id} failed${where}: ${event.error.message}`);
});

await hub.start();
server.listen(port, '127.0.0.1', () => {
  console.log(`app listening on http://127.0.0.1:${server.address().port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await hub.stop();
    server.close(() => process.exit(0));
  });
}
