import { delegateNames, toolMatches } from '../engine/matching';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG104',
    name: 'undeclared-authority',
    summary: 'An agent uses a tool, secret, memory kind or delegate that its identity declaration does not list.',
    defaultSeverity: 'warning',
    reportedAt: 'the tool/secret/delegate/memory use that the declaration does not list',
    standards: ['OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse', 'OWASP LLM Top 10 2025: LLM06 Excessive Agency'],
    securitySeverity: 5.5,
    messages: {
      tool: "Agent '{{agent}}' (identity '{{identity}}') uses tool '{{name}}', which its @tools does not declare.",
      secret: "Agent '{{agent}}' (identity '{{identity}}') reaches secret {{name}}{{via}}, which its @secrets does not declare.",
      memory: "Agent '{{agent}}' (identity '{{identity}}') uses {{name}} memory, which its @memory does not declare.",
      delegate: "Agent '{{agent}}' (identity '{{identity}}') delegates to '{{name}}', which its @delegates does not declare.",
    },
  },
  check(ctx) {
    for (const agent of ctx.model.agents) {
      const decl = agent.declaration;
      if (!decl) continue;
      const base = { agent: agent.name, identity: decl.identity ?? '' };
      for (const use of agent.tools) {
        if ((decl.tools ?? []).some((e) => toolMatches(use, e))) continue;
        ctx.report({ messageId: 'tool', data: { ...base, name: use.key }, span: use.span, agent, fixes: [ctx.addEntryFix(agent, 'tools', use.key)].filter((f) => !!f), related: use.tool ? [{ span: use.tool.span, message: `tool '${use.tool.toolId ?? use.key}' is defined here` }] : [] });
      }
      const declaredSecrets = new Set((decl.secrets ?? []).map((e) => e.value));
      for (const [name, reads] of ctx.observed(agent).secrets) {
        if (declaredSecrets.has(name)) continue;
        for (const read of reads) {
          const via = read.via.length ? ` via ${read.via.map((s) => s.label).join(' → ')}` : '';
          ctx.report({ messageId: 'secret', data: { ...base, name, via }, span: read.span, agent, fixes: [ctx.addEntryFix(agent, 'secrets', name)].filter((f) => !!f), related: read.via.map((s) => ({ span: s.span, message: s.label })) });
        }
      }
      const declaredMemory = new Set((decl.memory ?? []).map((e) => e.value));
      for (const use of agent.memory) {
        if (declaredMemory.has(use.kind)) continue;
        ctx.report({ messageId: 'memory', data: { ...base, name: use.kind }, span: use.span, agent, fixes: [ctx.addEntryFix(agent, 'memory', use.kind)].filter((f) => !!f) });
      }
      for (const d of agent.delegates) {
        const target = d.agentKey ? ctx.agent(d.agentKey) : undefined;
        const names = delegateNames(d, target);
        if ((decl.delegates ?? []).some((e) => names.includes(e.value))) continue;
        const preferred = target?.declaration?.identity ?? d.name;
        ctx.report({ messageId: 'delegate', data: { ...base, name: preferred }, span: d.span, agent, fixes: [ctx.addEntryFix(agent, 'delegates', preferred)].filter((f) => !!f) });
      }
    }
  },
});
