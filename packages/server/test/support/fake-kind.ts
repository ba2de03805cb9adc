import type { KindName } from '@hothub/shared';
import { EventLog } from '../../src/pipeline/event-log.js';
import type { AnyKind, Kind } from '../../src/pipeline/kind.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import type { ReloadOutcome, RunEvent } from '../../src/pipeline/reload-outcome.js';
import { createLogger } from '../../src/util/log.js';

/** An artifact of the fake kind: the text of its file. */
export interface FakeArtifact {
  text: string;
}

/** Which step of the fake kind throws, for the next runs; `undefined` for none. */
export type FailingStep = 'load' | 'backup' | 'apply' | 'check' | 'commit' | 'rollback';

/**
 * A kind with no filesystem: every step is recorded in `steps`, `serving` is what it made active,
 * and `fail` makes one step throw. Its files are `<id>.txt` under a folder that need not exist.
 */
export function fakeKind(name: KindName = 'style') {
  const steps: string[] = [];
  const serving = new Map<string, string>();
  const state: { fail?: FailingStep | undefined } = {};
  const step = (label: string, which: FailingStep) => {
    steps.push(label);
    if (state.fail === which) throw new Error(`${which} failed`);
  };
  const kind: Kind<FakeArtifact> = {
    name,
    idOf: (relPath) => (relPath.endsWith('.txt') ? relPath.slice(0, -4) : undefined),
    load(source) {
      const text = source.bytes.toString('utf8');
      step(`load ${text}`, 'load');
      return { text };
    },
    backup: (id, current) => step(`backup ${id} ${current.text}`, 'backup'),
    apply(id, next, previous) {
      step(`apply ${id} ${next.text} over ${previous?.text ?? 'nothing'}`, 'apply');
      serving.set(id, next.text);
      return [{ key: 'text', oldValue: previous?.text, newValue: next.text }];
    },
    check: (id, artifact) => step(`check ${id} ${artifact.text}`, 'check'),
    rollback(id, previous, failed) {
      step(`rollback ${id} ${failed.text} to ${previous?.text ?? 'nothing'}`, 'rollback');
      if (previous) serving.set(id, previous.text);
      else serving.delete(id);
    },
    commit: (id, next) => step(`commit ${id} ${next.text}`, 'commit'),
    remove(id) {
      steps.push(`remove ${id}`);
      serving.delete(id);
    },
  };
  return { kind, steps, serving, state };
}

/** A pipeline over `kinds` with its own event log; `outcomes` are what its `after` consumer received, in order. */
export function fakePipeline(kinds: AnyKind[], root = '/srv/app') {
  const outcomes: RunEvent[] = [];
  const log = new EventLog();
  const pipeline = new Pipeline({
    kinds: new Map(kinds.map((kind) => [kind.name, kind])),
    log,
    logger: createLogger({ level: 'silent' }),
    after: (outcome) => void outcomes.push(outcome),
    root,
    dirs: new Map(kinds.map((kind) => [kind.name, `${root}/styles`])),
  });
  /** Runs `text` as the content of `<root>/styles/<id>.txt` (no file is read). */
  const save = (id: string, text: string, kind: KindName = 'style'): Promise<ReloadOutcome> =>
    pipeline.reload({ kind, id, file: `${root}/styles/${id}.txt`, relPath: `${id}.txt`, trigger: 'manual', content: Buffer.from(text) });
  return { pipeline, log, outcomes, save };
}
