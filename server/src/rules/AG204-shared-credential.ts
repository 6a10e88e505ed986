import { reachedSites, reachRelated } from '../engine/agentReach';
import type { AgentModel } from '../model/types';
import { defineRule } from './rule';

/** An agent without a declaration is its own (undeclared) identity. */
function identityOf(agent: AgentModel): string {
  return agent.declaration?.identity ?? `'${agent.name}' (no identity)`;
}

export default defineRule({
  meta: {
    id: 'AG204',
    name: 'shared-credential',
    summary: 'One secret is reached by more than one agent identity, so no action can be attributed to one of them.',
    defaultSeverity: 'warning',
    reportedAt: 'the secret read, when more than one agent identity reaches the same secret',
    standards: ['OWASP NHI Top 10 2025: NHI9 NHI Reuse', 'OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse'],
    securitySeverity: 5.5,
    messages: {
      shared: '{{name}} is shared by {{count}} agent identities ({{identities}}): give each identity its own credential so actions can be attributed and revoked one at a time.',
    },
  },
  check(ctx) {
    const identitiesBySecret = new Map<string, Set<string>>();
    const sites = reachedSites(ctx.model.agents, 'secrets');
    for (const site of sites) {
      const set = identitiesBySecret.get(site.item.name) ?? new Set<string>();
      for (const { agent } of site.agents) set.add(identityOf(agent));
      identitiesBySecret.set(site.item.name, set);
    }
    for (const site of sites) {
      const identities = [...identitiesBySecret.get(site.item.name)!].sort();
      if (identities.length < 2) continue;
      ctx.report({
        messageId: 'shared',
        data: { name: site.item.name, count: identities.length, identities: identities.join(', ') },
        span: site.item.span,
        agent: site.agents[0].agent,
        related: reachRelated(site),
      });
    }
  },
});
