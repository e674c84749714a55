// Generates the provisioned Grafana dashboards under dashboards/grafana/dashboards/ (committed JSON).
// Run after editing: `node dashboards/generate/generate.mjs`. No dependencies: plain Node 18+.
// Every PromQL expression written here is evaluated against a real Prometheus by
// standalone/src/test/java/dev/slamonitor/standalone/DashboardQueriesIT.java; metric names are in docs/metrics.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'grafana', 'dashboards');
const DS = { type: 'prometheus', uid: 'prometheus' };
// Every selector carries the dashboard's job/instance variables.
const F = 'job=~"$job",instance=~"$instance"';

// ---------- building blocks ----------
let nextId = 1;
let cursorY = 0;
let cursorX = 0;
let rowHeight = 0;

function place(w, h) {
  if (cursorX + w > 24) {
    cursorY += rowHeight;
    cursorX = 0;
    rowHeight = 0;
  }
  const pos = { h, w, x: cursorX, y: cursorY };
  cursorX += w;
  rowHeight = Math.max(rowHeight, h);
  return pos;
}

function row(title) {
  cursorY += rowHeight;
  cursorX = 0;
  rowHeight = 0;
  const panel = { type: 'row', id: nextId++, title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: cursorY }, panels: [] };
  cursorY += 1;
  return panel;
}

function target(refId, expr, legendFormat, instant = false) {
  return { refId, datasource: DS, expr, legendFormat: legendFormat ?? '__auto', range: !instant, instant };
}

function timeseries(title, description, targets, unit = 'short', { w = 12, h = 8, stack = false } = {}) {
  return {
    type: 'timeseries', id: nextId++, title, description, datasource: DS, gridPos: place(w, h),
    targets: targets.map((t, i) => target(String.fromCharCode(65 + i), t[0], t[1])),
    fieldConfig: {
      defaults: {
        unit,
        custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: stack ? 30 : 10, stacking: { mode: stack ? 'normal' : 'none', group: 'A' } },
      },
      overrides: [],
    },
    options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['lastNotNull', 'max'] }, tooltip: { mode: 'multi', sort: 'desc' } },
  };
}

function stat(title, description, targets, unit = 'short', { w = 6, h = 4, thresholds } = {}) {
  return {
    type: 'stat', id: nextId++, title, description, datasource: DS, gridPos: place(w, h),
    targets: targets.map((t, i) => target(String.fromCharCode(65 + i), t[0], t[1], true)),
    fieldConfig: {
      defaults: {
        unit,
        thresholds: { mode: 'absolute', steps: thresholds ?? [{ color: 'blue', value: null }] },
      },
      overrides: [],
    },
    options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value', graphMode: 'area', textMode: 'value_and_name', justifyMode: 'auto', orientation: 'horizontal' },
  };
}

function table(title, description, expr, unit = 'short', { w = 12, h = 8 } = {}) {
  return {
    type: 'table', id: nextId++, title, description, datasource: DS, gridPos: place(w, h),
    targets: [{ ...target('A', expr, '', true), format: 'table' }],
    fieldConfig: { defaults: { unit }, overrides: [] },
    transformations: [{ id: 'organize', options: { excludeByName: { Time: true }, renameByName: { Value: 'value' } } }],
    options: { showHeader: true, sortBy: [{ displayName: 'value', desc: true }] },
  };
}

/**
 * One business KPI as the brief's metrics table shows it: actual value, configured target (the
 * slamon_target gauge) and an ON TARGET / OFF TARGET status computed in PromQL with the target's
 * direction, so a changed target in configuration changes the status without editing the dashboard.
 */
function kpi(title, description, actualExpr, targetMetric, better, unit) {
  const targetExpr = `max(slamon_target{${F},metric="${targetMetric}",better="${better}"})`;
  const op = better === 'lower' ? '<=' : '>=';
  const statusExpr = `(${actualExpr}) ${op} bool ${targetExpr}`;
  const panel = stat(title, `${description} Target: ${op} slamon_target{metric="${targetMetric}"} (configuration key target.${targetMetric.replaceAll('_', '.')}).`,
    [[actualExpr, 'actual'], [targetExpr, 'target'], [statusExpr, 'status']], unit, { w: 8, h: 5 });
  panel.options.colorMode = 'background';
  panel.options.graphMode = 'none';
  panel.options.textMode = 'value_and_name';
  panel.fieldConfig.defaults.color = { mode: 'fixed', fixedColor: 'text' };
  panel.fieldConfig.defaults.thresholds = { mode: 'absolute', steps: [{ color: 'transparent', value: null }] };
  panel.fieldConfig.overrides.push({
    matcher: { id: 'byFrameRefID', options: 'C' },
    properties: [
      { id: 'unit', value: 'none' },
      { id: 'color', value: { mode: 'thresholds' } },
      { id: 'thresholds', value: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'green', value: 1 }] } },
      { id: 'mappings', value: [{ type: 'value', options: { 0: { text: 'OFF TARGET', color: 'red', index: 0 }, 1: { text: 'ON TARGET', color: 'green', index: 1 } } }] },
    ],
  });
  return panel;
}

function variables(extra = []) {
  const queryVar = (name, label, query) => ({
    name, label, type: 'query', datasource: DS,
    definition: query, query: { query, refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 },
    refresh: 2, includeAll: true, multi: true, allValue: '.+', sort: 1,
    current: { selected: true, text: ['All'], value: ['$__all'] }, options: [], hide: 0,
  });
  return {
    list: [
      queryVar('job', 'Job', 'label_values(up, job)'),
      queryVar('instance', 'Instance', 'label_values(up{job=~"$job"}, instance)'),
      ...extra,
    ],
  };
}

function dashboard(uid, title, description, tags, panels, extraVariables = []) {
  return {
    uid, title, description, tags, editable: false, graphTooltip: 1, schemaVersion: 39, version: 1,
    time: { from: 'now-6h', to: 'now' }, refresh: '30s', timezone: 'browser',
    templating: variables(extraVariables), annotations: { list: [] }, links: [], panels,
  };
}

function reset() {
  nextId = 1;
  cursorY = 0;
  cursorX = 0;
  rowHeight = 0;
}

// ---------- 01 operations: escalations live ----------
reset();
const windowVar = {
  name: 'window', label: 'KPI window', type: 'custom', query: '1h,6h,1d,7d,30d', hide: 0, includeAll: false, multi: false,
  current: { selected: true, text: '1d', value: '1d' },
  options: ['1h', '6h', '1d', '7d', '30d'].map((v) => ({ selected: v === '1d', text: v, value: v })),
};
const inc = (metric, sel = '') => `increase(${metric}{${F}${sel ? ',' + sel : ''}}[$window])`;
const ops = [
  row('Business metrics: actual, target, status (over the KPI window)'),
  kpi('Escalation rate', 'Share of tickets opened in the window that were escalated at least once (first escalations / openings).',
    `sum(${inc('slamon_time_to_escalate_seconds_count')}) / sum(${inc('slamon_tickets_opened_total')})`, 'escalation_rate', 'lower', 'percentunit'),
  kpi('Repeat escalation rate', 'Share of resolved escalated tickets whose root cause was already seen on another ticket within 30 days (knowledge loop).',
    `sum(${inc('slamon_repeat_escalations_total')}) / sum(${inc('slamon_escalated_resolutions_total')})`, 'repeat_escalation_rate', 'lower', 'percentunit'),
  kpi('Mean time to escalate', 'Mean event time from opening to a ticket\'s first escalation.',
    `sum(${inc('slamon_time_to_escalate_seconds_sum')}) / sum(${inc('slamon_time_to_escalate_seconds_count')})`, 'time_to_escalate', 'lower', 's'),
  kpi('L2 resolution rate', 'Tickets resolved at L2 divided by tickets escalated to L2.',
    `sum(${inc('slamon_tickets_resolved_total', 'tier="L2"')}) / sum(${inc('slamon_tickets_escalated_total', 'to_tier="L2"')})`, 'l2_resolution_rate', 'higher', 'percentunit'),
  kpi('CSAT of escalated tickets', 'Mean CSAT score (1..5) of tickets that were escalated.',
    `sum(${inc('slamon_csat_escalated_sum')}) / sum(${inc('slamon_csat_escalated_count')})`, 'csat_escalated', 'higher', 'none'),
  kpi('Breached tickets (open, now)', 'Open tickets whose SLA is breached now, all severities and tiers (alert API live view).',
    `sum(slamon_api_tickets_breached{${F}})`, 'tickets_breached', 'lower', 'none'),
  kpi('Breach lateness p99', 'p99 of breach alert time minus the deadline: how late the monitor reports a breach.',
    `histogram_quantile(0.99, sum by (le) (rate(slamon_breach_lateness_seconds_bucket{${F}}[$window])))`, 'breach_lateness_p99', 'lower', 's'),
  kpi('Refund leakage (30 days, reporting currency)', 'Approved refund amount over the last 30 days, every currency converted into the reporting currency (refund.reporting.currency) with the configured table (refund.reporting.rates).',
    `sum(increase(slamon_refund_leakage_reporting_total{${F}}[30d]))`, 'refund_leakage_monthly', 'lower', 'none'),
  kpi('Refund approval cycle p90', 'p90 of refund request-to-decision time.',
    `histogram_quantile(0.90, sum by (le) (rate(slamon_refund_approval_cycle_seconds_bucket{${F}}[$window])))`, 'refund_approval_cycle_p90', 'lower', 's'),

  row('Escalations live'),
  timeseries('Tickets opened per minute by severity', 'Rate of TICKET_OPENED events.',
    [[`sum by (severity) (rate(slamon_tickets_opened_total{${F}}[$__rate_interval])) * 60`, '{{severity}}']], 'short', { w: 8, stack: true }),
  timeseries('Escalations per minute by tier move', 'Every ESCALATED event, by from and to tier (a bounce back shows as L2 → L1).',
    [[`sum by (from_tier, to_tier) (rate(slamon_tickets_escalated_total{${F}}[$__rate_interval])) * 60`, '{{from_tier}} → {{to_tier}}']], 'short', { w: 8, stack: true }),
  timeseries('Resolutions per minute by tier', 'RESOLVED events by the tier that resolved the ticket.',
    [[`sum by (tier) (rate(slamon_tickets_resolved_total{${F}}[$__rate_interval])) * 60`, '{{tier}}']], 'short', { w: 8, stack: true }),
  timeseries('Escalation rate over time', 'First escalations / openings over the last hour, against the target.',
    [[`sum(increase(slamon_time_to_escalate_seconds_count{${F}}[1h])) / sum(increase(slamon_tickets_opened_total{${F}}[1h]))`, 'escalation rate (1h)'],
      [`max(slamon_target{${F},metric="escalation_rate"})`, 'target']], 'percentunit', { w: 8 }),
  timeseries('Mean time to escalate by severity', 'Mean time from opening to first escalation over the last hour.',
    [[`sum by (severity) (increase(slamon_time_to_escalate_seconds_sum{${F}}[1h])) / sum by (severity) (increase(slamon_time_to_escalate_seconds_count{${F}}[1h]))`, '{{severity}}'],
      [`max(slamon_target{${F},metric="time_to_escalate"})`, 'target']], 's', { w: 8 }),
  timeseries('CSAT of escalated tickets over time', 'Mean CSAT of escalated tickets over the last hour, against the target.',
    [[`sum(increase(slamon_csat_escalated_sum{${F}}[1h])) / sum(increase(slamon_csat_escalated_count{${F}}[1h]))`, 'mean CSAT (1h)'],
      [`max(slamon_target{${F},metric="csat_escalated"})`, 'target']], 'none', { w: 8 }),

  row('SLA: at risk, breached, lateness'),
  timeseries('Open tickets at risk by severity and tier', 'Open tickets past the warning point of an SLA clock but not yet breached (alert API live view).',
    [[`sum by (severity, tier) (slamon_api_tickets_at_risk{${F}})`, '{{severity}} {{tier}}']], 'short', { w: 8, stack: true }),
  timeseries('Open tickets breached by severity and tier', 'Open tickets with a breached SLA clock (alert API live view).',
    [[`sum by (severity, tier) (slamon_api_tickets_breached{${F}})`, '{{severity}} {{tier}}']], 'short', { w: 8, stack: true }),
  timeseries('Alerts per minute by type', 'Every alert any feature emits (warnings, breaches, escalations, drift, governance).',
    [[`sum by (type) (rate(slamon_alerts_total{${F}}[$__rate_interval])) * 60`, '{{type}}']], 'short', { w: 8, stack: true }),
  timeseries('Breach lateness by clock', 'p50 and p99 of breach alert time minus deadline, per SLA clock.',
    [[`histogram_quantile(0.99, sum by (le, clock) (rate(slamon_breach_lateness_seconds_bucket{${F}}[$__rate_interval])))`, 'p99 {{clock}}'],
      [`histogram_quantile(0.50, sum by (le, clock) (rate(slamon_breach_lateness_seconds_bucket{${F}}[$__rate_interval])))`, 'p50 {{clock}}'],
      [`max(slamon_target{${F},metric="breach_lateness_p99"})`, 'target p99']], 's', { w: 12 }),
  timeseries('Breaches per minute by severity and tier', 'BREACH alerts.',
    [[`sum by (severity, tier) (rate(slamon_alerts_total{${F},type="BREACH"}[$__rate_interval])) * 60`, '{{severity}} {{tier}}']], 'short', { w: 12, stack: true }),

  row('Knowledge loop: drift and repeat root causes'),
  table('Drift alerts by root-cause tag (KPI window)', 'Drift alerts (repeat counts over a threshold) per root-cause tag; each goes to the tag owner with a remediation due date.',
    `sort_desc(sum by (tag) (increase(slamon_drift_alerts_total{${F}}[$window])))`, 'short', { w: 8 }),
  timeseries('Repeat escalations by tag', 'Escalated tickets resolved with a root cause that repeats, per tag.',
    [[`sum by (tag) (increase(slamon_repeat_escalations_total{${F}}[1h]))`, '{{tag}}']], 'short', { w: 8, stack: true }),
  stat('Open remediation items', 'Drift remediation items not yet closed.',
    [[`sum(slamon_remediation_items_open{${F}})`, 'open']], 'none', { w: 4, h: 8 }),
  stat('Tickets re-escalated after a resolution', 'Escalations of tickets that had been resolved and were reopened, over the KPI window (not part of the repeat escalation rate).',
    [[`sum(${inc('slamon_tickets_reescalated_total')})`, 're-escalated']], 'none', { w: 4, h: 8 }),

  row('Refund governance'),
  table('Refund leakage (30 days) by currency', 'Approved refund amount over the last 30 days in each refund\'s own currency, beside the converted KPI.',
    `sort_desc(sum by (currency) (increase(slamon_refund_leakage_total{${F}}[30d])))`, 'none', { w: 6 }),
  table('Refund leakage per month by exception code', 'Approved refund amount over the last 30 days, by exception code and currency.',
    `sort_desc(sum by (code, currency) (increase(slamon_refund_leakage_total{${F}}[30d])))`, 'none', { w: 6 }),
  timeseries('Refund leakage per day by team', 'Approved refund amount per day, by team and currency.',
    [[`sum by (team, currency) (increase(slamon_refund_leakage_total{${F}}[1d]))`, '{{team}} {{currency}}']], 'none', { w: 6 }),
  timeseries('Refund approval cycle time p90 by band', 'p90 of request-to-decision time per amount band, against the target.',
    [[`histogram_quantile(0.90, sum by (le, band) (rate(slamon_refund_approval_cycle_seconds_bucket{${F}}[1h])))`, 'p90 {{band}}'],
      [`max(slamon_target{${F},metric="refund_approval_cycle_p90"})`, 'target']], 's', { w: 6 }),
  timeseries('Refund governance violations by rule', 'Refunds that broke a rule (missing code, wrong approver role, missing rationale ...).',
    [[`sum by (rule) (increase(slamon_refund_violations_total{${F}}[1h]))`, '{{rule}}']], 'short', { w: 24, stack: true }),
];

// ---------- 02 platform health ----------
const ops_dash = dashboard('slamon-ops', 'SLA monitor — escalations (ops leads)',
  'Escalations live with business targets and on-target / off-target status. Targets come from configuration (target.* keys) through the slamon_target gauge.',
  ['sla-monitor', 'business'], ops, [windowVar]);

reset();
const STREAM_CONSUMER = 'client_id=~".*StreamThread-[0-9]+-consumer"';
const platform = [
  row('Services'),
  stat('Targets up', 'Prometheus scrape health per job and instance (1 = up).',
    [[`up{${F}}`, '{{job}} {{instance}}']], 'none', { w: 8, thresholds: [{ color: 'red', value: null }, { color: 'green', value: 1 }] }),
  stat('Alive stream threads', 'Kafka Streams threads running or rebalancing.',
    [[`sum by (instance) (kafka_stream_alive_stream_threads{${F}})`, '{{instance}}']], 'none', { w: 8, thresholds: [{ color: 'red', value: null }, { color: 'green', value: 1 }] }),
  stat('Kafka Streams client state', '0 created, 1 rebalancing, 2 running, 3 pending shutdown, 4 not running, 5 pending error, 6 error.',
    [[`max by (instance) (kafka_stream_client_state{${F}})`, '{{instance}}']], 'none', { w: 8, thresholds: [{ color: 'yellow', value: null }, { color: 'green', value: 1 }, { color: 'red', value: 3 }] }),

  row('Kafka Streams processing'),
  timeseries('Processing rate', 'Records processed per second per stream thread.',
    [[`sum by (instance) (kafka_stream_thread_process_rate{${F}})`, '{{instance}}']], 'ops', { w: 8 }),
  timeseries('Consumer lag', 'Largest lag in records of any input partition of the stream threads.',
    [[`max by (instance) (kafka_consumer_fetch_manager_records_lag_max{${F},${STREAM_CONSUMER}})`, '{{instance}}']], 'short', { w: 8 }),
  timeseries('End-to-end latency at the sinks', 'Record end-to-end latency (wall clock minus record timestamp) at each output node, in ms.',
    [[`max by (processor_node_id) (kafka_stream_processor_node_record_e2e_latency_max{${F},processor_node_id=~".*-sink"})`, '{{processor_node_id}}']], 'ms', { w: 8 }),
  timeseries('Commit and poll rate', 'Commits and polls per second per stream thread.',
    [[`sum by (instance) (kafka_stream_thread_commit_rate{${F}})`, 'commit {{instance}}'], [`sum by (instance) (kafka_stream_thread_poll_rate{${F}})`, 'poll {{instance}}']], 'ops', { w: 12 }),
  timeseries('Dropped records', 'Records dropped by Kafka Streams (for example too late for a window).',
    [[`sum by (instance) (rate(kafka_stream_task_dropped_records_total{${F}}[$__rate_interval]))`, '{{instance}}']], 'ops', { w: 12 }),

  row('Timers and punctuation'),
  timeseries('Punctuation latency by feature', 'Mean and max duration of one wall-clock punctuation per feature (slamon_punctuation).',
    [[`sum by (feature) (rate(slamon_punctuation_seconds_sum{${F}}[$__rate_interval])) / sum by (feature) (rate(slamon_punctuation_seconds_count{${F}}[$__rate_interval]))`, 'mean {{feature}}'],
      [`max by (feature) (slamon_punctuation_seconds_max{${F}})`, 'max {{feature}}']], 's', { w: 8 }),
  timeseries('Kafka Streams punctuate latency', 'Punctuate latency per stream thread as Kafka Streams measures it, in ms.',
    [[`max by (instance) (kafka_stream_thread_punctuate_latency_avg{${F}})`, 'avg {{instance}}'], [`max by (instance) (kafka_stream_thread_punctuate_latency_max{${F}})`, 'max {{instance}}']], 'ms', { w: 8 }),
  timeseries('Timers fired by feature', 'Timers fired per second by punctuations, per feature.',
    [[`sum by (feature) (rate(slamon_timers_fired_total{${F}}[$__rate_interval]))`, '{{feature}}']], 'ops', { w: 8 }),
  timeseries('Finished tickets forgotten by feature', 'Finished tickets whose state was deleted after the retention (sla.resolved.retention, knowledge.ticket.retention), per second: state stays bounded.',
    [[`sum by (feature) (rate(slamon_tickets_forgotten_total{${F}}[$__rate_interval]))`, '{{feature}}']], 'ops', { w: 8 }),

  row('Dead letters'),
  timeseries('Dead letters per minute by reason', 'Records sent to the dead-letter topic, by reason and refusing stage.',
    [[`sum by (reason, stage) (rate(slamon_dead_letters_total{${F}}[$__rate_interval])) * 60`, '{{reason}} ({{stage}})']], 'short', { w: 12, stack: true }),
  table('Dead letters by reason (last 24 h)', 'Total per reason and stage over the last day.',
    `sort_desc(sum by (reason, stage) (increase(slamon_dead_letters_total{${F}}[1d])))`, 'short', { w: 12 }),

  row('State stores'),
  timeseries('Entries per state store', 'RocksDB estimate of keys per store, summed over tasks.',
    [[`sum by (rocksdb_state_id) (kafka_stream_state_estimate_num_keys{${F}})`, '{{rocksdb_state_id}}']], 'short', { w: 8 }),
  timeseries('State store disk size', 'Total SST file size per store.',
    [[`sum by (rocksdb_state_id) (kafka_stream_state_total_sst_files_size{${F}})`, '{{rocksdb_state_id}}']], 'bytes', { w: 8 }),
  timeseries('State store memtables', 'Memory in RocksDB memtables per store.',
    [[`sum by (rocksdb_state_id) (kafka_stream_state_cur_size_all_mem_tables{${F}})`, '{{rocksdb_state_id}}']], 'bytes', { w: 8 }),

  row('Alert API and webhook delivery'),
  timeseries('HTTP requests per second by status', 'Alert API requests by response code.',
    [[`sum by (code) (rate(vertx_http_server_requests_total{${F}}[$__rate_interval]))`, '{{code}}']], 'reqps', { w: 8 }),
  timeseries('Webhook deliveries by receiver and outcome', 'Alert deliveries to webhook receivers per minute.',
    [[`sum by (receiver, outcome) (rate(slamon_webhook_deliveries_total{${F}}[$__rate_interval])) * 60`, '{{receiver}} {{outcome}}']], 'short', { w: 8, stack: true }),
  timeseries('Webhook delivery latency', 'Mean and max time to deliver an alert to a receiver.',
    [[`sum by (receiver) (rate(slamon_webhook_delivery_latency_seconds_sum{${F}}[$__rate_interval])) / sum by (receiver) (rate(slamon_webhook_delivery_latency_seconds_count{${F}}[$__rate_interval]))`, 'mean {{receiver}}'],
      [`max by (receiver) (slamon_webhook_delivery_latency_seconds_max{${F}})`, 'max {{receiver}}']], 's', { w: 8 }),

  row('JVM'),
  timeseries('Heap used', 'JVM heap in use per service.',
    [[`sum by (job, instance) (jvm_memory_used_bytes{${F},area="heap"})`, '{{job}} {{instance}}']], 'bytes', { w: 8 }),
  timeseries('GC pause time', 'Share of time spent in GC pauses.',
    [[`sum by (job, instance) (rate(jvm_gc_pause_seconds_sum{${F}}[$__rate_interval]))`, '{{job}} {{instance}}']], 'percentunit', { w: 8 }),
  timeseries('CPU and threads', 'Process CPU usage (0..1 of all cores) and live threads.',
    [[`max by (job, instance) (process_cpu_usage{${F}})`, 'cpu {{job}} {{instance}}'], [`max by (job, instance) (jvm_threads_live_threads{${F}})`, 'threads {{job}} {{instance}}']], 'short', { w: 8 }),
];
const platform_dash = dashboard('slamon-platform', 'SLA monitor — platform health',
  'Processing rate, consumer lag, punctuation latency, dead letters, state stores, webhook delivery and JVM of both services.',
  ['sla-monitor', 'platform'], platform);

function write(folder, file, dash) {
  const path = join(OUT, folder, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(dash, null, 2) + '\n');
  console.log(`wrote ${path}`);
}

write('operations', '01-escalations-ops.json', ops_dash);
write('platform', '02-platform-health.json', platform_dash);
