import args from './chromium-args.json' with { type: 'json' };

/** Debian's Chromium: playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.HOTHUB_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium off the (closed) network and quiet; the benchmarks read the same file. */
export const CHROMIUM_ARGS: readonly string[] = args;
