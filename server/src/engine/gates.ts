import type { AgentModel, ApprovalGate, ToolModel, ToolUse } from '../model/types';
import type { Policy } from './policy';

/** The approval gate in front of a tool as one agent holds it: the tool's own, the server's, or the agent's. */
export function gateFor(agent: AgentModel, use: ToolUse): ApprovalGate | undefined {
  return use.tool?.approval ?? use.mcpServer?.approval ?? agent.agentApprovals.get('*') ?? use.aliases.filter((a) => !a.startsWith('mcp:')).map((a) => agent.agentApprovals.get(a)).find((g) => !!g);
}

/** Whether a tool (not an entry) has side effects, by its code or by the policy's lists. */
export function toolIsPrivileged(tool: ToolModel, policy: Policy): boolean {
  const names = [tool.toolId, tool.variableName].filter((n): n is string => !!n);
  if (names.some((n) => policy.privilegedTools.exempt.includes(n))) return false;
  if (names.some((n) => policy.privilegedTools.add.includes(n))) return true;
  return tool.reach.effects.length > 0;
}

/** The agents that hold a tool, with their entry for it. */
export function holders(agents: AgentModel[], tool: ToolModel): { agent: AgentModel; use: ToolUse }[] {
  const out: { agent: AgentModel; use: ToolUse }[] = [];
  for (const agent of agents) for (const use of agent.tools) if (use.tool === tool) out.push({ agent, use });
  return out;
}
