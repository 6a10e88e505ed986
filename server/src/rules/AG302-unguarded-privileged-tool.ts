import { gateFor } from '../engine/gates';
import { isPrivileged } from '../engine/privileged';
import type { RelatedInfo } from '../model/types';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG302',
    name: 'unguarded-privileged-tool',
    summary: 'An agent with memory holds a tool with side effects that has no approval gate.',
    defaultSeverity: 'warning',
    reportedAt: 'the privileged tool given to an agent that has memory, when the tool has no approval gate',
    standards: ['OWASP Agentic Top 10 2026: ASI02 Tool Misuse', 'OWASP Agentic Top 10 2026: ASI06 Memory & Context Poisoning', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse', 'OWASP LLM Top 10 2025: LLM06 Excessive Agency'],
    securitySeverity: 6.5,
    messages: {
      unguarded: "'{{agent}}' remembers context ({{memory}}) and holds '{{tool}}', which {{why}}, with no approval gate: remembered context can trigger it unreviewed.",
    },
  },
  check(ctx) {
    for (const agent of ctx.model.agents) {
      if (!agent.memory.length) continue;
      const memory = [...new Set(agent.memory.map((m) => m.kind))].join(', ');
      for (const use of agent.tools) {
        if (!isPrivileged(use, ctx.policy) || gateFor(agent, use)) continue;
        const effects = use.tool?.reach.effects ?? [];
        const why = use.mcpServer ? `runs MCP server '${use.mcpServer.name}' (${use.mcpServer.transport === 'stdio' ? 'a local process' : 'a remote server'})` : effects.length ? `has side effects (${[...new Set(effects.map((e) => e.description))].slice(0, 3).join(', ')})` : 'the policy marks as privileged';
        const related: RelatedInfo[] = [...effects.slice(0, 5).map((e) => ({ span: e.span, message: `side effect: ${e.description}` })), ...agent.memory.slice(0, 2).map((m) => ({ span: m.span, message: `memory: ${m.description}` }))];
        ctx.report({ messageId: 'unguarded', data: { agent: agent.name, memory, tool: use.key, why }, span: use.span, agent, related, fixes: use.gateFix ? [use.gateFix] : [] });
      }
    }
  },
});
