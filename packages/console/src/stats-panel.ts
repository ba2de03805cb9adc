import { type HubStatus, ReloadStatistics } from '@hothub/shared';
import { getJson, recentRuns } from './api.js';
import { percentileChart, perMinute, reloadsChart } from './charts.js';
import { clock, h, show } from './dom.js';

/** Minutes of history the reloads chart shows. */
const CHART_MINUTES = 30;

export interface StatsView {
  counts: HTMLElement;
  reloads: HTMLElement;
  latency: HTMLElement;
  alerts: HTMLElement;
}

/** Statistics, the reloads chart from history, latency percentiles (reload, and save-to-applied per kind), alerts. */
export async function renderStats(view: StatsView, status: HubStatus): Promise<void> {
  const [statistics, runs] = await Promise.all([getJson('/reload/statistics', ReloadStatistics), recentRuns(500)]);
  const rate = statistics.successRate === null ? '–' : `${(statistics.successRate * 100).toFixed(1)}%`;
  show(
    view.counts,
    `${statistics.total} runs · ${statistics.successful} reloads · ${statistics.failed} failures (${statistics.rollbacks} rolled back) · success ${rate} · ${status.connections} sockets, ${status.lagging} pages behind`,
  );
  show(view.reloads, reloadsChart(perMinute(runs, CHART_MINUTES)));
  const delivery = Object.entries(statistics.appliedMs).map(([kind, p]) => ({ label: `${kind}: save → page`, p50: p.p50, p95: p.p95 }));
  show(view.latency, percentileChart([{ label: 'reload (read → commit)', ...statistics.durationMs }, ...delivery]));
  show(view.alerts, ...(status.alerts.length ? status.alerts.map((a) => h('li', { class: 'error' }, `${a.name} since ${clock(a.since)}: ${a.message}`)) : [h('li', { class: 'empty' }, 'no active alert')]));
}
