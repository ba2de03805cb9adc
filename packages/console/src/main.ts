import './console.css';
import { HubStatus } from '@hothub/shared';
import { getJson, recentRuns, TokenRefused, token } from './api.js';
import { h, show } from './dom.js';
import { startEventStream } from './event-stream.js';
import { renderPages } from './pages-panel.js';
import { renderStats } from './stats-panel.js';
import { type Artifact, artifactsOf, renderVersions } from './versions-panel.js';

/** How often the pages, statistics and artifacts are read again (the event stream is live). */
const REFRESH_MS = 2000;

const root = document.getElementById('console') ?? document.body;

function section(title: string, heading: Node | string, ...body: Node[]): HTMLElement {
  return h('section', { 'aria-label': title }, h('h2', {}, heading), ...body);
}

/** The hub has a token and this tab has none (or a refused one): ask for it; it stays in this tab only. */
function askToken(reason: string): void {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', 'aria-label': 'hub token' });
  const form = h('form', { class: 'token' }, h('p', {}, reason), input, h('button', { type: 'submit' }, 'Open the console'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    token.set(input.value);
    boot().catch(failed);
  });
  show(root, h('h1', {}, 'hothub console'), form);
}

async function start(status: HubStatus): Promise<void> {
  const state = h('span', { class: 'state' }, 'connecting…');
  const events = h('ol', { class: 'events' });
  const pageCount = h('span', {}, '0');
  const pages = h('tbody');
  const view = { counts: h('p'), reloads: h('div'), latency: h('div'), alerts: h('ul', { class: 'alerts' }) };
  const picker = h('select', { 'aria-label': 'artifact' });
  const versions = h('div');
  const said = h('p', { class: 'said', role: 'status' });
  const say = (text: string) => show(said, text);
  const heads = ['page', 'subscription', 'last seq', 'applied / failed', 'state'].map((t) => h('th', {}, t));
  show(
    root,
    h('h1', {}, `hothub ${status.version} `, state),
    section('Alerts', 'Alerts', view.alerts),
    section('Live events', 'Live events', events),
    section('Pages', h('span', {}, 'Pages (', pageCount, ')'), h('table', { class: 'pages' }, h('thead', {}, h('tr', {}, ...heads)), pages)),
    section('Statistics', 'Statistics', view.counts, h('h3', {}, 'Reloads and failures per minute (last 30 min)'), view.reloads, h('h3', {}, 'Latency'), view.latency),
    section('Versions', 'Versions', picker, said, versions),
  );
  let known = new Map<string, Artifact>();
  const showVersions = () => {
    const artifact = known.get(picker.value);
    if (artifact) renderVersions(versions, artifact, say).catch((error: unknown) => say(String(error)));
  };
  picker.addEventListener('change', showVersions);
  const stream = startEventStream(events, state);
  const refresh = async () => {
    const [latest, runs] = await Promise.all([getJson('/status', HubStatus), recentRuns(500)]);
    stream.seed(runs);
    await Promise.all([renderPages(pages, pageCount), renderStats(view, latest)]);
    const chosen = picker.value;
    known = new Map(artifactsOf(runs).map((a) => [`${a.kind}/${a.id}`, a]));
    const keys = [...known.keys()];
    if (keys.join('\n') !== [...picker.options].map((o) => o.value).join('\n')) {
      show(picker, ...keys.map((key) => h('option', key === chosen ? { value: key, selected: '' } : { value: key }, key)));
      if (!chosen) showVersions();
    }
  };
  // Again after each answer, so a slow hub never has reads pile up; a failure stops it and says why.
  const loop = () => void refresh().then(() => setTimeout(loop, REFRESH_MS), failed);
  loop();
}

function failed(error: unknown): void {
  if (error instanceof TokenRefused) {
    token.clear();
    return askToken('The hub refused this token: paste the one it runs with (--token or HOTHUB_TOKEN).');
  }
  show(root, h('h1', {}, 'hothub console'), h('p', { class: 'error' }, `The console could not read the hub: ${error instanceof Error ? error.message : String(error)}`));
}

async function boot(): Promise<void> {
  const status = await getJson('/status', HubStatus);
  if (status.access.token && !token.get()) return askToken('This hub has a token: paste it to open the console (it stays in this tab only).');
  await start(status);
}

boot().catch(failed);
