import { delegateNames, toolMatches } from '../engine/matching';
import { MEMORY_KINDS, type MemoryKind } from '../model/types';
import type { AgentModel, ToolUse } from '../model/types';
import { defineRule, type RuleContext } from './rule';

/** Tools and secrets an agent's delegates reach, transitively. */
function delegatedAuthority(agent: AgentModel, ctx: RuleContext): { tools: ToolUse[]; secrets: Set<string> } {
  const tools: ToolUse[] = [];
  const secrets = new Set<string>();
  const seen = new Set<string>([agent.key]);
  const visit = (a: AgentModel) => {
    for (const d of a.delegates) {
      const target = d.agentKey ? ctx.agent(d.agentKey) : undefined;
      if (!target || seen.has(target.key)) continue;
      seen.add(target.key);
      tools.push(...target.tools);
      for (const name of ctx.observed(target).secrets.keys()) secrets.add(name);
      visit(target);
    }
  };
  visit(agent);
  return { tools, secrets };
}

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
      // What delegates reach is the caller's authority too (AG402 asks the caller to declare it).
      const delegated = delegatedAuthority(agent, ctx);
      const report = (tag: string, entry: { value: string; span: import('../model/types').Span }) =>
        ctx.report({ messageId: 'unused', data: { tag, agent: agent.name, name: entry.value }, span: entry.span, agent, fixes: [ctx.removeEntryFix(agent, tag, entry)].filter((f) => !!f) });
      for (const entry of decl.tools ?? []) {
        const mcpAll = entry.value.startsWith('mcp:') && agent.tools.some((t) => t.key === entry.value);
        if (!mcpAll && !agent.tools.some((use) => toolMatches(use, entry)) && !delegated.tools.some((use) => toolMatches(use, entry))) report('tools', entry);
      }
      for (const entry of decl.secrets ?? []) if (!observed.secrets.has(entry.value) && !delegated.secrets.has(entry.value)) report('secrets', entry);
      // A malformed entry is AG102's to report, not an unused one.
      for (const entry of decl.memory ?? []) if (MEMORY_KINDS.includes(entry.value as MemoryKind) && !observed.memory.includes(entry.value as MemoryKind)) report('memory', entry);
      for (const entry of decl.delegates ?? []) {
        const used = agent.delegates.some((d) => delegateNames(d, d.agentKey ? ctx.agent(d.agentKey) : undefined).includes(entry.value));
        if (!used) report('delegates', entry);
      }
    }
  },
});
