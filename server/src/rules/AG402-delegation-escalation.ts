import { toolMatches } from '../engine/matching';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG402',
    name: 'delegation-escalation',
    summary: "A handoff, sub-agent or agent-as-tool reaches an agent with no identity, or authority the caller's declaration does not hold.",
    defaultSeverity: 'warning',
    reportedAt: "the handoff/sub-agent/agent-as-tool that reaches authority its caller's declaration does not hold, or an agent with no identity",
    standards: ['OWASP Agentic Top 10 2026: ASI07 Insecure Inter-Agent Communication', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse', 'OWASP LLM Top 10 2025: LLM06 Excessive Agency'],
    securitySeverity: 6.0,
    messages: {
      noIdentity: "'{{agent}}' delegates to '{{delegate}}', which has no identity declaration: delegated work has no owner and no bounds.",
      escalation: "'{{agent}}' delegates to '{{delegate}}', which reaches {{extra}} that the identity of '{{agent}}' does not hold: delegation escalates its authority.",
    },
  },
  check(ctx) {
    for (const agent of ctx.model.agents) {
      for (const d of agent.delegates) {
        const target = d.agentKey ? ctx.agent(d.agentKey) : undefined;
        if (!target || target === agent) continue;
        if (!target.declaration) {
          ctx.report({ messageId: 'noIdentity', data: { agent: agent.name, delegate: target.name }, span: d.span, agent, related: [{ span: target.span, message: `'${target.name}' is defined here` }] });
          continue;
        }
        const decl = agent.declaration;
        if (!decl) continue;
        const declaredSecrets = new Set((decl.secrets ?? []).map((e) => e.value));
        const extraSecrets = [...ctx.observed(target).secrets.keys()].filter((s) => !declaredSecrets.has(s));
        const extraTools = target.tools.filter((use) => !(decl.tools ?? []).some((e) => toolMatches(use, e))).map((u) => u.key);
        if (!extraSecrets.length && !extraTools.length) continue;
        const parts = [extraTools.length ? `tools ${extraTools.slice(0, 4).join(', ')}${extraTools.length > 4 ? ' …' : ''}` : '', extraSecrets.length ? `secrets ${extraSecrets.slice(0, 4).join(', ')}${extraSecrets.length > 4 ? ' …' : ''}` : ''].filter(Boolean);
        ctx.report({ messageId: 'escalation', data: { agent: agent.name, delegate: target.declaration.identity ?? target.name, extra: parts.join(' and ') }, span: d.span, agent, related: [{ span: target.span, message: `'${target.name}' is defined here` }] });
      }
    }
  },
});
