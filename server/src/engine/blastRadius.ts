import type { AgentModel } from '../model/types';
import type { AnalysisResult } from './engine';
import { isPrivileged } from './privileged';

export interface BlastRadius {
  secrets: Set<string>;
  hosts: Set<string>;
  privilegedTools: Set<string>;
  delegates: Set<string>;
  total: number;
}

/**
 * Distinct secrets, external hosts, privileged tools and delegate agents an agent reaches, counting its
 * delegates' reach too (each delegate once, cycles cut).
 */
export function blastRadius(agent: AgentModel, result: Pick<AnalysisResult, 'observed' | 'policy'>, byKey: Map<string, AgentModel>): BlastRadius {
  const radius: BlastRadius = { secrets: new Set(), hosts: new Set(), privilegedTools: new Set(), delegates: new Set(), total: 0 };
  const seen = new Set<string>();
  const visit = (a: AgentModel) => {
    if (seen.has(a.key)) return;
    seen.add(a.key);
    const observed = result.observed.get(a.key);
    for (const name of observed?.secrets.keys() ?? []) radius.secrets.add(name);
    for (const host of observed?.hosts.keys() ?? []) radius.hosts.add(host);
    for (const use of a.tools) if (isPrivileged(use, result.policy.policy)) radius.privilegedTools.add(`${a.key}#${use.key}`);
    for (const d of a.delegates) {
      radius.delegates.add(d.agentKey ?? d.name);
      const target = d.agentKey ? byKey.get(d.agentKey) : undefined;
      if (target) visit(target);
    }
  };
  visit(agent);
  radius.delegates.delete(agent.key);
  radius.total = radius.secrets.size + radius.hosts.size + radius.privilegedTools.size + radius.delegates.size;
  return radius;
}
