import type { Reloaded, RuntimeError } from '@hothub/shared';
import type { RuntimeFault } from '../ui/ui-contract.js';
import type { PageError } from './page-errors.js';

/** An error this soon after the page applied a version is blamed on it, when nothing better explains it. */
const BLAME_MS = 5000;
/** Reports kept to drop repeats (an error in an animation frame fires 60 times a second). */
const SEEN_MAX = 50;

export interface AppliedHere {
  event: Reloaded;
  at: number;
  /** The URL (or version) this page had before `event`. */
  before?: string | undefined;
}

/** Which runtime errors the overlay shows: blamed on a version (default), all, or none. */
export type OverlayMode = 'blamed' | 'all' | 'off';

export interface BlameOptions {
  overlay: OverlayMode;
  show: (fault: RuntimeFault) => void;
  report: (error: RuntimeError) => void;
}

/**
 * The UI file's half of runtime errors (`client-ui.mjs`, so the core pays only for the listeners): blames
 * each error on a version this page applied, the one whose module URL its stack names first, else the last
 * one applied within 5 s of it (not a stylesheet, theme or asset: they run no code). Blamed errors go to the
 * overlay and, once each, to the hub; others to the overlay only with `overlay: 'all'`.
 */
export function createBlame(options: BlameOptions): (error: PageError, applied: AppliedHere[]) => void {
  const seen = new Set<string>();
  return ({ error, message, source: at, rejection, time }, applied) => {
    const stack = error instanceof Error ? (error.stack ?? '') : '';
    const frame = /(https?:\/\/[^\s)]+?):(\d+):(\d+)/.exec(stack);
    const source = at?.url ? at : frame ? { url: frame[1]!, line: Number(frame[2]), column: Number(frame[3]) } : undefined;
    const event = blame(applied, `${source?.url ?? ''}\n${stack}`, time);
    if (event ? options.overlay !== 'off' : options.overlay === 'all') {
      options.show({ message, ...where(source, event), ...(event ? { blamed: blamedOf(event) } : {}) });
    }
    const key = `${event?.seq} ${message} ${source?.url}:${source?.line}`;
    if (!event || seen.has(key)) return;
    if (seen.size >= SEEN_MAX) seen.clear();
    seen.add(key);
    options.report({
      message: message.slice(0, 2000),
      ...(stack ? { stack: stack.slice(0, 8000) } : {}),
      ...(source ? { source: { ...source, url: source.url.slice(0, 2000) } } : {}),
      kind: event.kind,
      id: event.id,
      version: event.version,
      seq: event.seq,
      page: location.href.slice(0, 2000),
      ...(rejection ? { unhandledRejection: true } : {}),
    });
  };
}

/** The applied version whose module path `text` names first, else the latest one applied within `BLAME_MS`. */
function blame(applied: AppliedHere[], text: string, time: number): Reloaded | undefined {
  let named: Reloaded | undefined;
  let first = Infinity;
  let recent: Reloaded | undefined;
  for (const { event, at } of applied) {
    const found = event.url ? text.indexOf(event.url.split('?')[0]!) : -1;
    if (found >= 0 && found < first) [named, first] = [event, found];
    if (!['style', 'theme', 'asset'].includes(event.kind) && time - at < BLAME_MS) recent = event;
  }
  return named ?? recent;
}

/** `components/counter.js:3:12` when the error is in the blamed module, else the URL it was thrown at. */
function where(source: { url: string; line: number; column: number } | undefined, event: Reloaded | undefined): { where?: string } {
  if (!source?.url) return {};
  const own = event?.url && source.url.includes(event.url.split('?')[0]!);
  const file = own ? (event.cause?.chain?.at(-1) ?? event.cause?.file ?? source.url) : source.url;
  return { where: `${file}:${source.line}:${source.column}` };
}

function blamedOf(event: Reloaded): NonNullable<RuntimeFault['blamed']> {
  return { kind: event.kind, id: event.id, file: event.cause?.file ?? `${event.kind}/${event.id}`, ts: event.ts };
}
