import { ArtifactVersions, type EventMessage, type KindName, ReloadResult, VersionContent } from '@hothub/shared';
import { getJson, postJson } from './api.js';
import { clock, h, show } from './dom.js';
import { folded, lineDiff } from './line-diff.js';

export interface Artifact {
  kind: KindName;
  id: string;
}

/** Every artifact the history names, newest first, once each. */
export function artifactsOf(events: readonly EventMessage[]): Artifact[] {
  const seen = new Map<string, Artifact>();
  for (const { payload } of events) {
    const key = `${payload.kind}/${payload.id}`;
    if (!seen.has(key)) seen.set(key, { kind: payload.kind, id: payload.id });
  }
  return [...seen.values()];
}

function versionsPath({ kind, id }: Artifact, version?: string): string {
  return `/rollback/${kind}/${[...id.split('/'), ...(version ? [version] : [])].map(encodeURIComponent).join('/')}`;
}

const OMITTED: Record<NonNullable<VersionContent['omitted']>, string> = {
  binary: 'is not text',
  too_large: 'is too large to show',
  unparsable: 'no longer parses',
};

/** A version's text (`''` for none: nothing serves), or a throw saying why the hub sent none. */
async function textOf(artifact: Artifact, version: string | undefined): Promise<string> {
  if (!version) return '';
  const content = await getJson(versionsPath(artifact, version), VersionContent);
  if (content.text === undefined) throw new Error(`version ${version} ${OMITTED[content.omitted ?? 'binary']} (${content.size} B)`);
  return content.text;
}

/** The lines a rollback to `version` changes: the serving text's (`-`) into that version's (`+`). */
async function showDiff(view: HTMLElement, artifact: Artifact, serving: string | undefined, version: string): Promise<void> {
  show(view, h('p', { class: 'empty' }, 'reading both versions…'));
  const [before, after] = await Promise.all([textOf(artifact, serving), textOf(artifact, version)]);
  const lines = folded(lineDiff(before, after)).map((line) =>
    'folded' in line
      ? h('span', { class: 'fold' }, `… ${line.folded} unchanged lines`)
      : h('span', { class: line.op === ' ' ? 'same' : line.op === '+' ? 'add' : 'del' }, `${line.op} ${line.text}`),
  );
  const redacted = artifact.kind === 'config' ? ' (its keys as parsed, secret-looking values redacted)' : '';
  show(view, h('p', {}, `serving ${serving ?? '(nothing)'} → ${version}${redacted}`), h('pre', { class: 'diff', 'data-diff': version }, ...lines));
}

/**
 * Per artifact, its kept versions (`GET /rollback/<kind>/<id>`), each with a button showing what a rollback
 * to it changes (a line diff against the serving version) and one doing it (`POST /rollback {kind, id,
 * version}`); the hub then tells every page, as for a save.
 */
export async function renderVersions(root: HTMLElement, artifact: Artifact, say: (text: string) => void): Promise<void> {
  const list = await getJson(versionsPath(artifact), ArtifactVersions);
  const diff = h('div', { class: 'diff-view' });
  const failed = (what: string) => (error: unknown) => say(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  const rows = list.versions.map((v) => {
    const serving = v.version === list.serving;
    const compare = h('button', { type: 'button', 'data-compare': v.version }, 'Diff');
    compare.addEventListener('click', () => void showDiff(diff, artifact, list.serving, v.version).catch(failed('cannot diff')));
    const button = h('button', { type: 'button', 'data-version': v.version }, 'Roll back to this');
    button.addEventListener('click', () => {
      button.setAttribute('disabled', '');
      postJson('/rollback', { ...artifact, version: v.version }, ReloadResult)
        .then(() => say(`${artifact.kind}/${artifact.id} rolled back to ${v.version}`))
        .catch(failed('rollback refused'))
        .finally(() => void renderVersions(root, artifact, say).catch(failed('cannot list versions')));
    });
    return h(
      'tr',
      { class: serving ? 'serving' : '' },
      h('td', {}, h('code', {}, v.version)),
      h('td', {}, clock(v.savedAt)),
      h('td', {}, v.trigger ?? ''),
      h('td', {}, `${v.size} B`),
      h('td', {}, serving ? 'serving' : h('span', {}, compare, ' ', button)),
    );
  });
  show(root, rows.length ? h('table', {}, h('tbody', {}, ...rows)) : h('p', { class: 'empty' }, 'no kept version'), diff);
}
