import type { AgentModel, PathStep, Reach, RelatedInfo, ToolUse } from '../model/types';
import { spanKey } from './spans';

type ReachKind = Exclude<keyof Reach, 'agentRefs'>;
type ItemOf<K extends ReachKind> = Reach[K][number];

export interface ReachedSite<K extends ReachKind> {
  item: ItemOf<K>;
  /** Every agent that reaches this site, with the tool entry it reaches it through (none for agent config). */
  agents: { agent: AgentModel; entry?: ToolUse }[];
}

/** The reach items of a kind across agents, grouped by the place in code, so each site is reported once. */
export function reachedSites<K extends ReachKind>(agents: AgentModel[], kind: K): ReachedSite<K>[] {
  const sites = new Map<string, ReachedSite<K>>();
  const add = (agent: AgentModel, reach: Reach, entry?: ToolUse) => {
    for (const item of reach[kind] as ItemOf<K>[]) {
      const key = spanKey(item.span);
      let site = sites.get(key);
      if (!site) sites.set(key, (site = { item, agents: [] }));
      if (!site.agents.some((a) => a.agent === agent)) site.agents.push({ agent, entry });
    }
  };
  for (const agent of agents) {
    for (const use of agent.tools) {
      if (use.tool) add(agent, use.tool.reach, use);
      if (use.mcpServer) add(agent, use.mcpServer.reach, use);
    }
    add(agent, agent.ownReach);
  }
  return [...sites.values()];
}

/** Related information for a reached site: the tool entry of each agent, then the call chain. */
export function reachRelated(site: { agents: { agent: AgentModel; entry?: ToolUse }[]; item: { via: PathStep[] } }): RelatedInfo[] {
  const related: RelatedInfo[] = [];
  for (const { agent, entry } of site.agents) {
    if (entry) related.push({ span: entry.span, message: `'${agent.name}' holds ${entry.mcpServer ? `MCP server '${entry.mcpServer.name}'` : `tool '${entry.key}'`}` });
    else related.push({ span: agent.span, message: `'${agent.name}' is configured here` });
  }
  for (const step of site.item.via) related.push({ span: step.span, message: step.label });
  return related;
}

export function agentNames(site: { agents: { agent: AgentModel }[] }): string {
  return site.agents.map((a) => `'${a.agent.name}'`).join(', ');
}

export function viaText(via: PathStep[]): string {
  return via.length ? ` via ${via.map((s) => s.label).join(' → ')}` : '';
}

