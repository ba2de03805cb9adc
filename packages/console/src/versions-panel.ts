import { ArtifactVersions, type EventMessage, type KindName, ReloadResult } from '@hothub/shared';
import { getJson, postJson } from './api.js';
import { clock, h, show } from './dom.js';

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

function versionsPath({ kind, id }: Artifact): string {
  return `/rollback/${kind}/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Per artifact, its kept versions (`GET /rollback/<kind>/<id>`) with a button that makes one serve
 * again (`POST /rollback {kind, id, version}`); the hub then tells every page, as for a save.
 */
export async function renderVersions(root: HTMLElement, artifact: Artifact, say: (text: string) => void): Promise<void> {
  const list = await getJson(versionsPath(artifact), ArtifactVersions);
  const rows = list.versions.map((v) => {
    const serving = v.version === list.serving;
    const button = h('button', { type: 'button', 'data-version': v.version }, 'Roll back to this');
    button.addEventListener('click', () => {
      button.setAttribute('disabled', '');
      postJson('/rollback', { ...artifact, version: v.version }, ReloadResult)
        .then(() => say(`${artifact.kind}/${artifact.id} rolled back to ${v.version}`))
        .catch((error: unknown) => say(`rollback refused: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => void renderVersions(root, artifact, say).catch((error: unknown) => say(String(error))));
    });
    return h(
      'tr',
      { class: serving ? 'serving' : '' },
      h('td', {}, h('code', {}, v.version)),
      h('td', {}, clock(v.savedAt)),
      h('td', {}, v.trigger ?? ''),
      h('td', {}, `${v.size} B`),
      h('td', {}, serving ? 'serving' : button),
    );
  });
  show(root, rows.length ? h('table', {}, h('tbody', {}, ...rows)) : h('p', { class: 'empty' }, 'no kept version'));
}
