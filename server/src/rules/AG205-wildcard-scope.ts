import { agentNames, reachedSites, reachRelated } from '../engine/agentReach';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG205',
    name: 'wildcard-scope',
    summary: 'Agent-reachable code requests a wildcard or administrative permission scope.',
    defaultSeverity: 'warning',
    reportedAt: "wildcard/admin permission scopes in code ('*', s3:*, admin:org …)",
    standards: ['OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse', 'OWASP LLM Top 10 2025: LLM06 Excessive Agency'],
    securitySeverity: 6.5,
    messages: {
      wildcard: "The scope '{{scope}}' grants {{reason}} to {{agents}}: request only the actions and resources the tool needs.",
    },
  },
  check(ctx) {
    for (const site of reachedSites(ctx.model.agents, 'scopes')) {
      ctx.report({ messageId: 'wildcard', data: { scope: site.item.scope, reason: site.item.reason, agents: agentNames(site) }, span: site.item.span, agent: site.agents[0].agent, related: reachRelated(site) });
    }
  },
});
