import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG101',
    name: 'missing-identity',
    summary: 'An agent has no scoped identity declaration: no owner, no declared scope.',
    defaultSeverity: 'warning',
    reportedAt: 'the agent construction',
    standards: ['OWASP NHI Top 10 2025: NHI1 Improper Offboarding', 'OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse', 'OWASP Agentic Top 10 2026: ASI10 Rogue Agents'],
    securitySeverity: 5.0,
    messages: {
      missing: "Agent '{{agent}}' has no scoped identity declaration: nobody owns it and nothing bounds what it may use ({{reach}}).",
    },
  },
  check(ctx) {
    for (const agent of ctx.model.agents) {
      if (agent.declaration) continue;
      const observed = ctx.observed(agent);
      const reach = `${observed.tools.length} tool${observed.tools.length === 1 ? '' : 's'}, ${observed.secrets.size} secret${observed.secrets.size === 1 ? '' : 's'}`;
      ctx.report({ messageId: 'missing', data: { agent: agent.name, reach }, span: agent.span, agent, fixes: [ctx.declarationFix(agent)] });
    }
  },
});
