import { agentNames, reachedSites, reachRelated } from '../engine/agentReach';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG203',
    name: 'hardcoded-credential',
    summary: 'A credential is written as a literal in agent-reachable code or agent configuration.',
    defaultSeverity: 'error',
    reportedAt: 'the literal (its value is never printed)',
    standards: ['OWASP NHI Top 10 2025: NHI2 Secret Leakage', 'OWASP NHI Top 10 2025: NHI7 Long-Lived Secrets', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse'],
    securitySeverity: 9.0,
    messages: {
      hardcoded: 'A {{kind}} ({{redacted}}) is written in code that {{agents}} can reach: move it to a secret store, rotate it, and read it from the environment.',
    },
  },
  check(ctx) {
    for (const site of reachedSites(ctx.model.agents, 'credentials')) {
      ctx.report({
        messageId: 'hardcoded',
        data: { kind: site.item.kind, redacted: site.item.redacted, agents: agentNames(site) },
        span: site.item.span,
        agent: site.agents[0].agent,
        related: reachRelated(site),
      });
    }
  },
});
