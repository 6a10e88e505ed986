import type { ToolUse } from '../model/types';
import type { Policy } from './policy';
import { toolIsPrivileged } from './gates';

/**
 * Whether a tool has side effects. The policy names tools explicitly; otherwise the judgement comes
 * from what the tool's code reaches. MCP servers started as processes or reached over the network
 * are privileged: their tools act outside the app.
 */
export function isPrivileged(use: ToolUse, policy: Policy): boolean {
  const names = use.aliases;
  if (names.some((n) => policy.privilegedTools.exempt.includes(n))) return false;
  if (names.some((n) => policy.privilegedTools.add.includes(n))) return true;
  if (use.mcpServer) return true;
  return !!use.tool && toolIsPrivileged(use.tool, policy);
}
