import { isIsoDate } from '../engine/declaration';
import { defineRule } from './rule';

const CADENCE = /^([1-9]\d*)([dwmy])$/;

/** The date a review falls due: `reviewed` plus the cadence. */
export function reviewDue(reviewed: string, cadence: string): string | undefined {
  const m = CADENCE.exec(cadence);
  if (!m || !isIsoDate(reviewed)) return undefined;
  const d = new Date(`${reviewed}T00:00:00Z`);
  const n = Number(m[1]);
  if (m[2] === 'd') d.setUTCDate(d.getUTCDate() + n);
  else if (m[2] === 'w') d.setUTCDate(d.getUTCDate() + 7 * n);
  else if (m[2] === 'm') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
}

export default defineRule({
  meta: {
    id: 'AG103',
    name: 'identity-expired',
    summary: 'An identity is past its offboarding date, or its review is overdue.',
    defaultSeverity: 'error',
    reportedAt: '`@expires` (date passed) or `@reviewed` (cadence overdue)',
    standards: ['OWASP NHI Top 10 2025: NHI1 Improper Offboarding', 'OWASP NHI Top 10 2025: NHI7 Long-Lived Secrets', 'OWASP Agentic Top 10 2026: ASI10 Rogue Agents'],
    securitySeverity: 6.5,
    messages: {
      expired: "The identity of '{{agent}}' expired on {{date}}: offboard the agent or renew the identity after a review.",
      overdue: "The review of '{{agent}}' was due on {{date}} ({{cadence}} after {{reviewed}}): review its scope and update @reviewed.",
    },
  },
  check(ctx) {
    for (const agent of ctx.model.agents) {
      const decl = agent.declaration;
      if (!decl) continue;
      const expires = decl.tags.find((t) => t.name === 'expires');
      if (expires && isIsoDate(expires.value) && expires.value < ctx.today) {
        ctx.report({ messageId: 'expired', data: { agent: agent.name, date: expires.value }, span: expires.span, agent });
      }
      const reviewed = decl.tags.find((t) => t.name === 'reviewed');
      const due = reviewed && decl.review ? reviewDue(reviewed.value, decl.review) : undefined;
      if (reviewed && due && due < ctx.today) {
        ctx.report({ messageId: 'overdue', data: { agent: agent.name, date: due, cadence: decl.review!, reviewed: reviewed.value }, span: reviewed.span, agent });
      }
    }
  },
});
