import { startBrowserSync } from './browser-sync.mjs';
import { floor } from './floor.mjs';
import { startHothub } from './hothub.mjs';
import { startLivereload } from './livereload.mjs';
import { startVite } from './vite.mjs';

/** Every tool the latency benchmark compares, in the order it runs them. */
export const TOOLS = {
  hothub: startHothub,
  vite: startVite,
  livereload: startLivereload,
  'browser-sync': startBrowserSync,
  'floor-fetch': floor(false),
  'floor-inline': floor(true),
};
