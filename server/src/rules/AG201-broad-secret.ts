import { agentNames, reachedSites, reachRelated, viaText } from '../engine/agentReach';
import { classifySecret } from '../engine/broadSecrets';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG201',
    name: 'broad-secret',
    summary: 'An agent can reach a broad, administrative or long-lived credential.',
    defaultSeverity: 'warning',
    reportedAt: 'the secret read reachable from an agent',
    standards: ['OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP NHI Top 10 2025: NHI7 Long-Lived Secrets', 'OWASP NHI Top 10 2025: NHI2 Secret Leakage', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse'],
    securitySeverity: 7.0,
    messages: {
      broad: '{{name}} is {{reason}}, and {{agents}} can reach it{{via}}: give the agent a restricted or short-lived credential instead.',
    },
  },
  check(ctx) {
    for (const site of reachedSites(ctx.model.agents, 'secrets')) {
      const verdict = classifySecret(site.item.name, ctx.policy);
      if (!verdict.broad) continue;
      ctx.report({
        messageId: 'broad',
        data: { name: site.item.name, reason: verdict.reason!, agents: agentNames(site), via: viaText(site.item.via) },
        span: site.item.span,
        agent: site.agents[0].agent,
        related: reachRelated(site),
      });
    }
  },
});
