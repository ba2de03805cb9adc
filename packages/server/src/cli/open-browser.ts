import { spawn } from 'node:child_process';

/** Starts a detached program; injected in tests so nothing opens. */
export type Spawner = (command: string, args: string[]) => void;

export interface OpenContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  spawner?: Spawner;
}

const detached: Spawner = (command, args) => {
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  // A missing opener must not crash the hub: --open is a convenience.
  child.on('error', () => undefined);
  child.unref();
};

/** The system's "open this URL" command, as browser-sync and Vite use it. */
export function openCommand(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; its first quoted argument is a window title.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/**
 * `--open`: opens `url` in the default browser, except in CI or where no display is there to show it
 * (Linux without DISPLAY or WAYLAND_DISPLAY). Returns the startup line saying which.
 */
export function openBrowser(url: string, context: OpenContext): string {
  if (context.env.CI && context.env.CI !== 'false') return `  --open: not opening a browser (CI is set); open ${url}`;
  if (context.platform === 'linux' && !context.env.DISPLAY && !context.env.WAYLAND_DISPLAY) {
    return `  --open: no display (DISPLAY and WAYLAND_DISPLAY unset); open ${url} on a machine with a browser`;
  }
  const [command, args] = openCommand(context.platform, url);
  (context.spawner ?? detached)(command, args);
  return `  opening ${url} in your browser`;
}
