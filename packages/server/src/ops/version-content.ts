import type { KindName, VersionContent } from '@hothub/shared';
import type { KindVersions } from './kind-versions.js';

/** Bytes of a version `GET /rollback/<kind>/<id>/<version>` shows at most: a diff of anything larger is no read. */
export const MAX_SHOWN_BYTES = 256 * 1024;

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * One version of an artifact as text, for an operator to diff against the serving one: a config through its
 * kind's redacted rendering, anything else as UTF-8 (a NUL or a byte that is not UTF-8 makes it `binary`);
 * undefined when the version neither serves nor is kept. A config backup locked without its key throws `BackupLocked`.
 */
export async function versionContent(versions: KindVersions, kind: KindName, id: string, version: string): Promise<VersionContent | undefined> {
  const kept = await versions.read(kind, id, version, MAX_SHOWN_BYTES);
  if (!kept) return undefined;
  const head = { kind, id, version, serving: kept.serving, size: kept.size };
  if (!kept.bytes) return { ...head, omitted: 'too_large' };
  const shownAs = versions.shownAs(kind);
  if (shownAs) {
    try {
      return { ...head, text: shownAs(kept.bytes, kept.relPath), redacted: true };
    } catch {
      return { ...head, omitted: 'unparsable' };
    }
  }
  const text = utf8(kept.bytes);
  return text === undefined ? { ...head, omitted: 'binary' } : { ...head, text };
}

function utf8(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}
