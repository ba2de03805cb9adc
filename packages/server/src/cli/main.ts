import { errorMessage } from '@hothub/shared';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHub } from '../hub.js';
import { readSettingsEnv } from '../options/settings-env.js';
import { readSettingsFile } from '../options/settings-file.js';
import { createLogger } from '../util/log.js';
import { HELP, parseCliArgs } from './args.js';
import { demoRoot } from './demo-app.js';
import { networkLines } from './network-lines.js';
import { openBrowser } from './open-browser.js';
import { PROXY_MOUNT } from '../proxy/app-proxy.js';

const SHUTDOWN_DEADLINE_MS = 2000;

function packageFile(relative: string): string {
  // Built as dist/cli.js: the package root is one level up.
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.version) {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const fromFile = args.config ? await readSettingsFile(args.config) : {};
  const demo = args.demo ? await demoRoot(packageFile('demo')) : undefined;
  const hub = createHub({ ...fromFile, ...readSettingsEnv(process.env), ...(demo ? { root: demo.root } : {}), ...args.settings });
  await hub.start();

  if (hub.settings.mode === 'prod') {
    // prod logs only JSON: the listening line is one JSON object on stdout.
    const stdout = createLogger({ format: 'json', write: (line) => process.stdout.write(`${line}\n`) });
    stdout.info(`hothub listening on ${hub.url}`, { url: hub.url, folders: hub.folders() });
  } else {
    // One write, so whoever waits for the listening line also has the folders.
    const lines = [`hothub listening on ${hub.url}`, ...networkLines(hub.settings, hub.url)];
    for (const folder of hub.folders()) {
      lines.push(`  ${folder.kind.padEnd(9)} ${folder.dir}${folder.exists ? '' : ' (missing: watched once created)'}`);
    }
    if (demo) {
      if (demo.copied) lines.push(`Copied the demo app to ${demo.root}`);
      lines.push(`Open ${hub.url}/ and edit ${demo.root}/styles/main.css`);
    } else if (hub.settings.proxy) {
      lines.push(`Proxying ${hub.settings.proxy}: open ${hub.url}/ (its pages get the SDK; the hub's own routes are under ${PROXY_MOUNT}/)`);
    } else {
      lines.push(`Add to your page: <script src="${hub.url}/hothub/client.js"></script>`);
    }
    if (args.open) lines.push(openBrowser(`${hub.url}/`, { platform: process.platform, env: process.env }));
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
  await hub.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = errorMessage(error);
    process.stderr.write(`hothub: ${message}\n`);
    process.exit(1);
  },
);
