import { gateFor, holders, toolIsPrivileged } from '../engine/gates';
import type { RelatedInfo } from '../model/types';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG301',
    name: 'memory-to-tool-flow',
    summary: 'Context recalled from memory reaches a privileged action, or chooses the tool, with no approval point on the way.',
    defaultSeverity: 'error',
    reportedAt: 'the privileged sink (argument or tool selection) reached by recalled memory; the memory source as related information',
    standards: ['OWASP Agentic Top 10 2026: ASI06 Memory & Context Poisoning', 'OWASP Agentic Top 10 2026: ASI01 Agent Goal Hijack', 'OWASP Agentic Top 10 2026: ASI02 Tool Misuse', 'OWASP LLM Top 10 2025: LLM06 Excessive Agency'],
    securitySeverity: 8.5,
    messages: {
      argument: 'Recalled {{memory}} ({{source}}) flows into {{sink}}{{where}} with no approval point: poisoned memory can steer this action. Add an approval gate, or validate the value against non-remembered data.',
      selection: 'Recalled {{memory}} ({{source}}) decides which tool runs ({{sink}}){{where}} with no approval point.',
    },
  },
  check(ctx) {
    for (const flow of ctx.model.memoryFlows) {
      const held = flow.tool ? holders(ctx.model.agents, flow.tool) : [];
      if (flow.tool?.approval) continue;
      if (held.length && held.every(({ agent, use }) => gateFor(agent, use))) continue;
      if (flow.invokedTool && (flow.invokedTool.approval || !toolIsPrivileged(flow.invokedTool, ctx.policy))) continue;
      const related: RelatedInfo[] = [{ span: flow.source.span, message: `memory read: ${flow.source.description}` }, ...flow.path.map((p) => ({ span: p.span, message: p.label }))];
      const first = held.find(({ agent, use }) => !gateFor(agent, use));
      if (first) related.push({ span: first.use.span, message: `'${first.agent.name}' holds this tool without an approval gate` });
      const toolName = flow.tool ? ` in tool '${flow.tool.toolId ?? flow.tool.variableName ?? 'tool'}'` : '';
      ctx.report({
        messageId: flow.sink.kind === 'tool-selection' ? 'selection' : 'argument',
        data: { memory: flow.source.kind === 'thread' ? 'conversation history' : `${flow.source.kind} memory`, source: flow.source.description, sink: flow.sink.description, where: toolName },
        span: flow.sink.span,
        agent: first?.agent,
        related,
        fixes: first?.use.gateFix ? [first.use.gateFix] : [],
      });
    }
  },
});
