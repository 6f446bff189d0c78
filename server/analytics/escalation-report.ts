import type { Metrics } from './metrics.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const dur = (s: number | null) =>
  s == null
    ? '—'
    : s < 90
      ? `${Math.round(s)} s`
      : s < 5400
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

/** The weekly escalation report as Markdown, for pasting into a team channel or wiki. */
export function escalationReportMarkdown(m: Metrics): string {
  const table = (title: string, rows: Metrics['byIntent']) =>
    [
      `### ${title}`,
      '',
      '| | conversations | handoffs | escalation rate |',
      '|---|---:|---:|---:|',
      ...rows.map((r) => `| ${escapeCell(r.key)} | ${r.conversations} | ${r.handoffs} | ${pct(r.escalationRate)} |`),
      '',
    ].join('\n');
  return [
    `# Escalation report ${m.from.slice(0, 10)} – ${m.to.slice(0, 10)}`,
    '',
    `| figure | value |`,
    `|---|---:|`,
    `| conversations | ${m.conversations} |`,
    `| resolved by the AI | ${m.aiResolved} (${pct(m.aiResolvedShare)}) |`,
    `| handed off | ${m.handoffs} (escalation rate ${pct(m.escalationRate)}) |`,
    `| median time to handoff | ${dur(m.medianTimeToHandoffSeconds)} |`,
    `| median time to first human response | ${dur(m.medianTimeToFirstHumanResponseSeconds)} |`,
    `| median resolution after escalation | ${dur(m.medianResolutionAfterEscalationSeconds)} |`,
    `| re-escalation rate | ${pct(m.reEscalationRate)} |`,
    `| transfers per escalated conversation | ${m.transfersPerConversation.toFixed(2)} |`,
    `| CSAT | ${m.csat == null ? '—' : `${m.csat.toFixed(2)} / 5 (${m.csatResponses} ratings)`} |`,
    `| SLA breaches | ${m.slaBreaches} |`,
    `| unnecessary handoffs (agents' verdict) | ${m.unnecessaryHandoffs} |`,
    `| missed handoffs (agents' verdict) | ${m.missedHandoffs} |`,
    '',
    table('By intent', m.byIntent),
    table('By customer tier', m.byTier),
    table('By page', m.byPage),
  ].join('\n');
}

/** The same figures as CSV: one row per (section, key), for spreadsheets. */
export function escalationReportCsv(m: Metrics): string {
  const rows: string[][] = [['section', 'key', 'conversations', 'handoffs', 'escalation_rate', 'value']];
  const scalar: Array<[string, number | null]> = [
    ['conversations', m.conversations],
    ['ai_resolved', m.aiResolved],
    ['handoffs', m.handoffs],
    ['escalation_rate', m.escalationRate],
    ['median_time_to_handoff_seconds', m.medianTimeToHandoffSeconds],
    ['median_time_to_first_human_response_seconds', m.medianTimeToFirstHumanResponseSeconds],
    ['median_resolution_after_escalation_seconds', m.medianResolutionAfterEscalationSeconds],
    ['re_escalation_rate', m.reEscalationRate],
    ['transfers_per_conversation', m.transfersPerConversation],
    ['csat', m.csat],
    ['sla_breaches', m.slaBreaches],
    ['unnecessary_handoffs', m.unnecessaryHandoffs],
    ['missed_handoffs', m.missedHandoffs],
  ];
  for (const [k, v] of scalar) rows.push(['summary', k, '', '', '', v == null ? '' : String(v)]);
  for (const [section, list] of [
    ['intent', m.byIntent],
    ['tier', m.byTier],
    ['page', m.byPage],
  ] as const) {
    for (const r of list)
      rows.push([section, r.key, String(r.conversations), String(r.handoffs), String(r.escalationRate), '']);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

function csvCell(v: string): string {
  // Quote when needed, and defuse spreadsheet formulas in text cells.
  const safe = /^[=+\-@\t\r]/.test(v) && Number.isNaN(Number(v)) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
