import { delegateNames, toolMatches } from '../engine/matching';
import { MEMORY_KINDS, type MemoryKind } from '../model/types';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG105',
    name: 'over-provisioned-identity',
    summary: 'An identity declares a tool, secret, memory kind or delegate that the agent never uses.',
    defaultSeverity: 'info',
    reportedAt: 'the declared entry the agent never uses',
    standards: ['OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse'],
    securitySeverity: 2.0,
    messages: {
      unused: "@{{tag}} of '{{agent}}' declares {{name}}, which the agent never uses: remove it to keep the identity least-privilege.",
    },
  },
  check(ctx) {
    for (const agent of ctx.model.agents) {
      const decl = agent.declaration;
      if (!decl) continue;
      const observed = ctx.observed(agent);
      const report = (tag: string, entry: { value: string; span: import('../model/types').Span }) =>
        ctx.report({ messageId: 'unused', data: { tag, agent: agent.name, name: entry.value }, span: entry.span, agent, fixes: [ctx.removeEntryFix(agent, tag, entry)].filter((f) => !!f) });
      for (const entry of decl.tools ?? []) {
        const mcpAll = entry.value.startsWith('mcp:') && agent.tools.some((t) => t.key === entry.value);
        if (!mcpAll && !agent.tools.some((use) => toolMatches(use, entry))) report('tools', entry);
      }
      for (const entry of decl.secrets ?? []) if (!observed.secrets.has(entry.value)) report('secrets', entry);
      // A malformed entry is AG102's to report, not an unused one.
      for (const entry of decl.memory ?? []) if (MEMORY_KINDS.includes(entry.value as MemoryKind) && !observed.memory.includes(entry.value as MemoryKind)) report('memory', entry);
      for (const entry of decl.delegates ?? []) {
        const used = agent.delegates.some((d) => delegateNames(d, d.agentKey ? ctx.agent(d.agentKey) : undefined).includes(entry.value));
        if (!used) report('delegates', entry);
      }
    }
  },
});
