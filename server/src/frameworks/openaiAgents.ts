import { unwrapExpression } from '../engine/symbols';
import { ts } from '../engine/ts';
import { approvalFrom, executeFunction, firstObjectArgument, stringProperty, type FrameworkAdapter } from './adapter';

export const openaiAgents: FrameworkAdapter = {
  framework: 'openai-agents',
  agentConfig: (call) => firstObjectArgument(call),
  nameProperties: ['name'],
  toolProperties: ['tools', 'mcpServers'],
  delegateProperties: [{ property: 'handoffs', form: 'handoff' }],
  // Sessions are passed per run: the extractor finds `run(agent, input, { session })` calls.
  memory: () => [],
  agentApprovals: () => new Map(),
  toolShape(call) {
    const arg = call.arguments?.[0] && unwrapExpression(call.arguments[0]);
    if (!arg || !ts.isObjectLiteralExpression(arg)) return {};
    return {
      toolId: stringProperty(arg, ['name', 'serverLabel']),
      execute: executeFunction(arg, ['execute']),
      config: arg,
      approval: approvalFrom(arg, ['needsApproval', 'requireApproval']),
    };
  },
};
