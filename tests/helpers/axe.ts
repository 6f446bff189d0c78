import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AxeResults, ImpactValue, NodeResult, Result, RunOptions } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/** axe-core's browser build, read once per test file. */
let source: string | null = null;
function axeSource(): string {
  source ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');
  return source;
}

/** WCAG 2.1 level A and AA, the bar customers' accessibility statements are written against. */
export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What fails the gate; moderate and minor findings are printed but do not fail it. */
export const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

export interface AuditReport {
  label: string;
  /** Every violation, any impact. */
  violations: Result[];
  /** The serious and critical ones. */
  blocking: Result[];
  /** What axe could not decide (for example contrast over an image): for a person to look at. */
  incomplete: Result[];
  /** How many checked nodes (passes, violations, needs-review) sit inside `host`'s shadow root. */
  nodesInShadow: number;
}

/**
 * Runs axe in the page and in each of its frames (axe only reaches into an iframe when it is
 * injected there too; open shadow roots it walks by itself).
 */
export async function audit(
  page: Page,
  label: string,
  opts: { host?: string; rules?: RunOptions['rules'] } = {},
): Promise<AuditReport> {
  const content = axeSource();
  for (const frame of page.frames()) {
    // Evaluated through the DevTools protocol rather than added as an inline <script>, which the
    // pages' Content-Security-Policy (script-src 'self') rightly blocks.
    if (!(await frame.evaluate(() => 'axe' in window).catch(() => true)))
      await frame.evaluate(`${content}\n;window.axe = axe;`);
  }
  const results = await runAxe(page.mainFrame(), {
    runOnly: { type: 'tag', values: WCAG21_AA },
    ...(opts.rules ? { rules: opts.rules } : {}),
  });
  const host = opts.host ?? 'firstline-widget';
  const inShadow = (n: NodeResult) => n.target.some((t) => Array.isArray(t) && t.length > 1 && t[0] === host);
  const nodesInShadow = [...results.passes, ...results.violations, ...results.incomplete].reduce(
    (sum, r) => sum + r.nodes.filter(inShadow).length,
    0,
  );
  const blocking = results.violations.filter((v) => v.impact && BLOCKING.includes(v.impact));
  return { label, violations: results.violations, blocking, incomplete: results.incomplete, nodesInShadow };
}

function runAxe(frame: Frame, options: RunOptions): Promise<AxeResults> {
  return frame.evaluate(
    (o) =>
      (window as unknown as { axe: { run(ctx: Document, o: RunOptions): Promise<AxeResults> } }).axe.run(document, o),
    options,
  );
}

/** One line per violation and one per offending node: rule id, impact, help, selector, axe's summary. */
export function formatViolations(
  report: AuditReport,
  which: Result[] = report.violations,
  kind = 'violation(s)',
): string {
  const lines = [`${report.label}: ${which.length} ${kind}`];
  for (const v of which) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) {
      lines.push(`    at ${JSON.stringify(n.target)}`);
      if (n.failureSummary) lines.push(`       ${n.failureSummary.replace(/\s*\n\s*/g, ' | ')}`);
    }
  }
  return lines.join('\n');
}
