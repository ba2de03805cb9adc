import * as z from 'zod/mini';

/** Every artifact kind the hub watches, in the order its folders are reported. */
export const KINDS = ['wizard', 'plugin', 'component', 'theme', 'style', 'config', 'page', 'asset'] as const;
export const KindName = z.enum(KINDS);
export type KindName = z.infer<typeof KindName>;

/** Kinds whose artifacts run in the browser and are served under `/assets/<kind>/`. */
export const BROWSER_KINDS = ['component', 'theme', 'style', 'asset'] as const satisfies readonly KindName[];

/** Kinds whose versions run or live in the hub's process: only these can make a check of the hub itself fail. */
export const SERVER_KINDS = ['wizard', 'plugin', 'config'] as const satisfies readonly KindName[];

/** What started a reload. */
export const TRIGGERS = ['file', 'manual', 'api', 'webhook', 'periodic', 'startup', 'runtime'] as const;
export const Trigger = z.enum(TRIGGERS);
export type Trigger = z.infer<typeof Trigger>;
