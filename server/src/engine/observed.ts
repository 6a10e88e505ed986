import type { AgentModel, HostUse, MemoryKind, SecretRead } from '../model/types';

/** What an agent is observed to use: the `observed` block of the JSON report, with locations kept. */
export interface Observed {
  tools: string[];
  secrets: Map<string, SecretRead[]>;
  memory: MemoryKind[];
  delegates: string[];
  hosts: Map<string, HostUse[]>;
}

export function observe(agent: AgentModel): Observed {
  const secrets = new Map<string, SecretRead[]>();
  const hosts = new Map<string, HostUse[]>();
  const addReach = (reach: { secrets: SecretRead[]; hosts: HostUse[] }) => {
    // One read reached through two tools is still one read.
    const fresh = <T extends { span: { file: string; start: number } }>(list: T[] | undefined, item: T) => !list?.some((x) => x.span.file === item.span.file && x.span.start === item.span.start);
    for (const s of reach.secrets) if (fresh(secrets.get(s.name), s)) secrets.set(s.name, [...(secrets.get(s.name) ?? []), s]);
    for (const h of reach.hosts) if (fresh(hosts.get(h.host), h)) hosts.set(h.host, [...(hosts.get(h.host) ?? []), h]);
  };
  for (const use of agent.tools) {
    if (use.tool) addReach(use.tool.reach);
    if (use.mcpServer) addReach(use.mcpServer.reach);
  }
  addReach(agent.ownReach);
  return {
    tools: [...new Set(agent.tools.map((t) => t.key))],
    secrets,
    memory: [...new Set(agent.memory.map((m) => m.kind))],
    delegates: [...new Set(agent.delegates.map((d) => d.name))],
    hosts,
  };
}
