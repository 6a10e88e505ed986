/**
 * The governance headline of a report: how many agents, how many have an accountable owner, and the
 * counts that matter most for identity risk. Shared by the HTML report (and webview) and the Markdown
 * export so they show the same numbers.
 */

import type { Report, ReportAgent } from './report';

export interface GovernanceFigures {
  agents: number;
  /** Agents whose declaration names a real owner (not empty, not a placeholder). */
  withOwner: number;
  /** Distinct broad secret names reachable from any agent. */
  broadSecrets: number;
  /** Open AG302 findings. */
  unguardedPrivilegedTools: number;
  /** Open AG301 findings. */
  memoryToToolFlows: number;
  /** Open AG103 findings. */
  expiredIdentities: number;
}

/** Owner values AG102 treats as "nobody": the quick fix writes TODO when it cannot suggest one. */
const PLACEHOLDER_OWNER = /^(todo|tbd|fixme|xxx|none|unknown|n\/a|\?+)$/i;

export function isPlaceholderOwner(owner: string): boolean {
  return PLACEHOLDER_OWNER.test(owner.trim());
}

export function hasOwner(agent: ReportAgent): boolean {
  const owner = agent.declared?.owner?.trim();
  return !!owner && !isPlaceholderOwner(owner);
}

export function governanceFigures(report: Report): GovernanceFigures {
  const open = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId && !f.suppressed).length;
  const broad = new Set(report.agents.flatMap((a) => a.observed.secrets.filter((s) => s.broad).map((s) => s.name)));
  return {
    agents: report.agents.length,
    withOwner: report.agents.filter(hasOwner).length,
    broadSecrets: broad.size,
    unguardedPrivilegedTools: open('AG302'),
    memoryToToolFlows: open('AG301'),
    expiredIdentities: open('AG103'),
  };
}

/** `3 of 4 (75%)`; `0 of 0` when there are no agents, so nothing divides by zero. */
export function shareLabel(part: number, whole: number): string {
  return whole === 0 ? '0 of 0' : `${part} of ${whole} (${Math.round((part / whole) * 100)}%)`;
}
