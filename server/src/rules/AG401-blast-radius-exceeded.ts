import { blastRadius } from '../engine/blastRadius';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG401',
    name: 'blast-radius-exceeded',
    summary: "An agent's transitive reach (secrets, hosts, privileged tools, delegates) exceeds the policy limit.",
    defaultSeverity: 'warning',
    reportedAt: 'the agent, when its transitive reach exceeds the policy limit',
    standards: ['OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse', 'OWASP Agentic Top 10 2026: ASI02 Tool Misuse', 'OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP LLM Top 10 2025: LLM06 Excessive Agency'],
    securitySeverity: 5.0,
    messages: {
      exceeded: "'{{agent}}' has a blast radius of {{total}} ({{secrets}} secrets, {{hosts}} hosts, {{tools}} privileged tools, {{delegates}} delegates, counting its delegates' reach), above the limit of {{limit}}: split it into narrower agents.",
    },
  },
  check(ctx) {
    const byKey = new Map(ctx.model.agents.map((a) => [a.key, a]));
    const observed = { get: (key: string) => { const a = byKey.get(key); return a ? ctx.observed(a) : undefined; } };
    const limit = ctx.policy.blastRadius.limit;
    for (const agent of ctx.model.agents) {
      const r = blastRadius(agent, { observed: observed as never, policy: { policy: ctx.policy, problems: [] } }, byKey);
      if (r.total <= limit) continue;
      ctx.report({ messageId: 'exceeded', data: { agent: agent.name, total: r.total, secrets: r.secrets.size, hosts: r.hosts.size, tools: r.privilegedTools.size, delegates: r.delegates.size, limit }, span: agent.span, agent });
    }
  },
});
