import { ClientList, type ConnectedPage } from '@hothub/shared';
import { getJson } from './api.js';
import { clock, h, show } from './dom.js';

function pageRow(page: ConnectedPage): HTMLTableRowElement {
  const applied = Object.entries(page.applied).map(([artifact, v]) => h('li', {}, `${artifact} @ ${v.version} (#${v.seq}, ${clock(v.at)})`));
  const failures = page.failures.map((f) => h('li', { class: 'error' }, `${f.kind}/${f.id}${f.version ? ` @ ${f.version}` : ''}: ${f.error.message}`));
  const subscription = page.subscription ? [...(page.subscription.kinds ?? []), ...(page.subscription.ids ?? [])].join(', ') : 'everything';
  return h(
    'tr',
    { class: page.behind.length ? 'page behind' : 'page', 'data-page': page.url ?? page.id },
    // In a cluster every hub lists every page: which hub serves it.
    h('td', {}, h('div', { class: 'url' }, page.url ?? '(did not say)'), h('div', { class: 'agent' }, page.userAgent ?? ''), page.hub ? h('div', { class: 'agent hub' }, `via ${page.hub}`) : null),
    h('td', {}, subscription),
    h('td', {}, `#${page.lastSeq}`),
    h('td', {}, h('ul', { class: 'applied' }, ...applied, ...failures)),
    h('td', {}, page.behind.length ? `behind: ${page.behind.join(', ')}` : 'up to date'),
  );
}

/** The connected pages (`GET /clients`): what each is, and the versions it applied or failed to. */
export async function renderPages(table: HTMLTableSectionElement, count: HTMLElement): Promise<void> {
  const { pages } = await getJson('/clients', ClientList);
  show(count, String(pages.length));
  show(table, ...(pages.length ? pages.map(pageRow) : [h('tr', {}, h('td', { colspan: '5', class: 'empty' }, 'no page connected'))]));
}
