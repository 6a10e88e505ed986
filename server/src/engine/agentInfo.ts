/**
 * Read-only views of an analysis result for the editor surfaces and the report graph: which agent is at
 * an offset, and the blast radius itemised with where each item is reached. Nothing here changes the
 * result or re-analyses; `blastRadius.ts` stays the one definition of the count, and a test checks that
 * the itemised total always equals it.
 */

import type { AgentModel, Span } from '../model/types';
import type { AnalysisResult } from './engine';
import { isPrivileged } from './privileged';

/** The agent whose construction (`new Agent(`, `createReactAgent(` …) contains the offset, if any. */
export function agentAt(result: Pick<AnalysisResult, 'model'>, file: string, offset: number): AgentModel | undefined {
  return result.model.agents.find((a) => a.span.file === file && a.span.start <= offset && offset <= a.span.end);
}

/** The agent whose declaration host (its statement, with the JSDoc) contains the offset, if any. */
export function agentAround(result: Pick<AnalysisResult, 'model'>, file: string, offset: number): AgentModel | undefined {
  const inside = result.model.agents.filter((a) => a.host.span.file === file && a.host.span.start <= offset && offset <= a.host.span.end);
  // Nested hosts (an agent built inside another's config) resolve to the innermost one.
  return inside.sort((a, b) => a.host.span.end - a.host.span.start - (b.host.span.end - b.host.span.start))[0] ?? agentAt(result, file, offset);
}

export type BlastRadiusKind = 'secret' | 'host' | 'privileged-tool' | 'delegate';

export interface BlastRadiusItem {
  kind: BlastRadiusKind;
  /** Secret name, host name, tool key or delegate name. */
  name: string;
  /** Where it is reached: the first secret read, host use, tool entry or delegation. */
  span: Span;
  /** Set when the item is reached through a delegate: that delegate agent's name in code. */
  through?: string;
}

export interface BlastRadiusDetails {
  items: BlastRadiusItem[];
  total: number;
}

/**
 * The items `blastRadius()` counts, in the same order of traversal: the agent's own reach first, then
 * each delegate's (each delegate once, cycles cut). Each distinct item appears once.
 */
export function blastRadiusDetails(agent: AgentModel, result: Pick<AnalysisResult, 'observed' | 'policy'>, byKey: Map<string, AgentModel>): BlastRadiusDetails {
  const items: BlastRadiusItem[] = [];
  const seenItems = new Set<string>();
  const add = (key: string, item: BlastRadiusItem) => {
    if (seenItems.has(key)) return;
    seenItems.add(key);
    items.push(item);
  };
  const seen = new Set<string>();
  const visit = (a: AgentModel) => {
    if (seen.has(a.key)) return;
    seen.add(a.key);
    const through = a === agent ? undefined : a.name;
    const observed = result.observed.get(a.key);
    for (const [name, reads] of observed?.secrets ?? []) if (reads[0]) add(`secret:${name}`, { kind: 'secret', name, span: reads[0].span, through });
    for (const [host, uses] of observed?.hosts ?? []) if (uses[0]) add(`host:${host}`, { kind: 'host', name: host, span: uses[0].span, through });
    for (const use of a.tools) {
      if (isPrivileged(use, result.policy.policy)) add(`tool:${a.key}#${use.key}`, { kind: 'privileged-tool', name: use.key, span: use.span, through });
    }
    for (const d of a.delegates) {
      const target = d.agentKey ? byKey.get(d.agentKey) : undefined;
      const key = d.agentKey ?? d.name;
      // An agent that delegates back to the one asked about is not its own delegate.
      if (key !== agent.key) add(`delegate:${key}`, { kind: 'delegate', name: target?.declaration?.identity ?? target?.name ?? d.name, span: d.span, through });
      if (target) visit(target);
    }
  };
  visit(agent);
  return { items, total: items.length };
}
