import type { AgentModel, DelegateUse, TagEntry, ToolUse } from '../model/types';

export function toolMatches(use: ToolUse, entry: TagEntry): boolean {
  return use.aliases.includes(entry.value);
}

/** Names under which a delegate may be declared: its identity, its name in code, its configured name. */
export function delegateNames(delegate: DelegateUse, target: AgentModel | undefined): string[] {
  return [delegate.name, target?.declaration?.identity, target?.name, target?.configuredName].filter((x): x is string => !!x);
}
