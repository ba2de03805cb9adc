import { resolve } from 'node:path';
import { KindName, validate } from '@hothub/shared';
import type { Request } from 'express';
import * as z from 'zod';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { ActiveArtifact } from '../pipeline/serving.js';
import { isInside, type KindFolders } from '../watch/kind-folders.js';
import { escapesFolder } from '../util/inside-folder.js';

const PathSegments = z.array(z.string());

/** A `/assets/<kind>/<path>` request resolved to a file inside the kind's folder. */
export interface AssetRequest {
  kind: KindName;
  file: string;
  /** The folder `file` was resolved in: dotfile rules apply to the path under it only (a root may sit in `~/.work/`). */
  dir: string;
  /** The serving version of the artifact the path names, if any. */
  active: ActiveArtifact | undefined;
}

/**
 * Resolves `/assets/:kind/*path` to a file and the artifact it names, or undefined when the kind
 * is unknown or the path or the artifact's source (after `..` and symlinks) leaves the kind's folder.
 */
export async function resolveAssetRequest(req: Request, folders: KindFolders, pipeline: Pipeline): Promise<AssetRequest | undefined> {
  const kind = validate(KindName, req.params.kind);
  const segments = validate(PathSegments, req.params.path);
  if (!kind.ok || !segments.ok || !folders.folders.some((f) => f.kind === kind.value)) return undefined;
  const path = segments.value.join('/');
  // The kind's folder, or the static part of a watch rule whose file serves this artifact.
  const servesFrom = (dir: string): boolean => {
    const located = folders.locate(resolve(dir, path));
    const source = located?.kind === kind.value ? pipeline.serving.get(kind.value, located.id)?.source.path : undefined;
    return source !== undefined && isInside(dir, source);
  };
  const dir = folders.dirsOf(kind.value).find(servesFrom) ?? folders.dirOf(kind.value);
  const file = resolve(dir, path);
  if (!isInside(dir, file) || (await escapesFolder(dir, file))) return undefined;
  const located = folders.locate(file);
  const active = located && pipeline.serving.get(located.kind, located.id);
  // A theme served as CSS may come from a JSON file: its own source must stay inside too.
  if (active && (await escapesFolder(dir, active.source.path))) return undefined;
  return { kind: kind.value, file, dir, active };
}
