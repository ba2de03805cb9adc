import type { KindName } from '@hothub/shared';
import type { KeyChange } from '../util/key-diff.js';

/** One file, read once it was completely written. */
export interface SourceFile {
  /** Absolute path on disk. */
  path: string;
  /** Path relative to the kind's folder, with `/` separators. */
  relPath: string;
  bytes: Buffer;
  /** Content hash of `bytes`. */
  version: string;
}

/** An artifact that imports a changed file, and the imports leading from that file to it. */
export interface Dependent {
  id: string;
  /** The artifact's own file (absolute). */
  file: string;
  /** Its path relative to the kind's folder. */
  relPath: string;
  /** The folder `relPath` is relative to, when it is not the kind's folder (a watch rule's static part). */
  dir?: string;
  /** Absolute paths from the changed file to the artifact's file, both included. */
  chain: string[];
}

/** What every step of a run knows about the artifact, so no kind rebuilds it from paths. */
export interface StepContext {
  /** The artifact's id, as the kind's `idOf` gave it. */
  id: string;
  /** The kind's folder (absolute). */
  dir: string;
}

/**
 * How the hub serves a version whose served form is not its file (a theme's tokens rendered to CSS,
 * a component with versioned imports): `/assets/<kind>/<path>` sends `body`.
 */
export interface ServedAsset {
  contentType: string;
  body: string;
  /** Changes whenever `body` does. */
  version: string;
}

/** What a browser needs in `reloaded` to apply a new version. */
export interface BrowserFields {
  url?: string;
  content?: string;
  /** Names of the keys that changed (configs). */
  keys?: string[];
  /** New values of the changed keys, for configs browsers may read. */
  values?: Record<string, unknown>;
}

/** What a kind module declares about itself before anything is built: settings and `--help` read it. */
export interface KindInfo {
  readonly name: KindName;
  /** Its conventional folder, relative to the root (the config file's `dirs` moves it). */
  readonly defaultDir: string;
}

/**
 * An artifact kind: how its files are parsed, validated, made active and undone.
 * The pipeline runs these steps and knows no kind; a new kind is one module plus one line in `kinds/index.ts`.
 */
export interface Kind<Artifact = unknown> {
  readonly name: KindName;
  /** The id a file defines, or undefined when the file is not an artifact of this kind. */
  idOf(relPath: string): string | undefined;
  /** Parse and validate; throw a `ReloadFailure` naming file, line and column. Changes nothing active. */
  load(source: SourceFile, context: StepContext): Promise<Artifact> | Artifact;
  /** Files larger than this are refused before they are read. */
  readonly maxBytes?: number;
  /** A deleted file leaves its last good version serving (with a warning) instead of removing the artifact. */
  readonly keepWhenDeleted?: boolean;
  /** Keep the serving version somewhere it can be restored from, before `apply` replaces it; a throw cancels the reload. */
  backup?(id: string, current: Artifact, source: SourceFile): Promise<void> | void;
  /** Make `next` active; returns the keys whose values it changed, if the kind has keys (configs). */
  // biome-ignore lint/suspicious/noConfusingVoidType: kinds without keys return nothing; `undefined` would make them say so.
  apply?(id: string, next: Artifact, previous: Artifact | undefined): Promise<KeyChange[] | void> | KeyChange[] | void;
  /** Undo `apply(failed)`: make `previous` active again, or nothing when there was none. */
  rollback?(id: string, previous: Artifact | undefined, failed: Artifact): Promise<void> | void;
  /** The file is gone: make the artifact inactive. */
  remove?(id: string, current: Artifact): Promise<void> | void;
  /** The hub stops: release what the serving version holds (timers, connections); bounded by the kind. A throw is logged. */
  dispose?(id: string, current: Artifact): Promise<void> | void;
  /** Health check of an applied artifact; throwing rolls it back. */
  check?(id: string, artifact: Artifact): Promise<void> | void;
  /** `next` passed its check and serves from now on: release `previous`. A throw is logged; `next` stays. */
  commit?(id: string, next: Artifact, previous: Artifact | undefined): Promise<void> | void;
  /** Version of a loaded artifact built from more than its own file (a bundle of its imports); default: the file's hash. */
  versionOf?(artifact: Artifact): string;
  /** Artifacts that import `file` (other than the one it defines) and must reload when it changes. */
  dependentsOf?(file: string): Dependent[];
  /** Every file some artifact imports, inside the kind's folder or not: the hub watches them all. */
  importedFiles?(): Iterable<string>;
  /** What `/assets/<kind>/…` sends for this version; without it, the file on disk is served as it is. */
  served?(artifact: Artifact): ServedAsset;
  /** Extra `reloaded` fields for browsers; `changes` is what `apply` returned. */
  browserFields?(id: string, artifact: Artifact, source: SourceFile, changes: readonly KeyChange[]): BrowserFields;
}

/** Methods are bivariant, so every concrete kind fits the registry's `Kind<unknown>`. */
export type AnyKind = Kind<unknown>;
