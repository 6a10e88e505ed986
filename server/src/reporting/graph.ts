/**
 * The blast-radius graph of a workspace: agents → the tools they hold → the secrets and hosts those
 * tools reach, plus agent → agent delegation. Built from the analysis result rather than the JSON
 * report, because the report says what an agent reaches but not through which tool.
 *
 * Plain data with report-style locations (relative path, 1-based), so the HTML renderer, the webview
 * and tests can use it without the engine.
 */

import type { AgentModel, Reach, Span, ToolUse } from '../model/types';
import type { AnalysisResult, Engine } from '../engine/engine';
import { classifySecret } from '../engine/broadSecrets';
import { gateFor } from '../engine/gates';
import { isPrivileged } from '../engine/privileged';
import type { ReportLocation } from './report';

export type GraphNodeKind = 'agent' | 'tool' | 'secret' | 'host' | 'delegate';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** A second line: the identity of an agent, the framework of an MCP server … */
  detail?: string;
  /** Agent without identity, privileged tool without approval gate, broad secret. */
  warn?: boolean;
  location?: ReportLocation;
}

export interface GraphEdge {
  from: string;
  to: string;
}

export interface ReportGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Agents left out to keep the graph readable (the inventory still lists them). */
  omittedAgents: number;
}

/** Past this many nodes a layered drawing stops being readable; the busiest agents are kept first. */
export const MAX_GRAPH_NODES = 250;

type LocationOf = (span: Span) => ReportLocation;

export function buildGraph(engine: Engine, result: AnalysisResult, include: (agent: AgentModel) => boolean = () => true): ReportGraph {
  const locationOf: LocationOf = (span) => {
    const start = engine.position(span.file, span.start);
    return { file: engine.workspace.relative(span.file), line: start.line + 1, column: start.character + 1 };
  };
  return graphOf(result, locationOf, result.model.agents.filter(include));
}

export function graphOf(result: Pick<AnalysisResult, 'observed' | 'policy' | 'model'>, locationOf: LocationOf, agents: AgentModel[]): ReportGraph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const policy = result.policy.policy;
  const byKey = new Map(result.model.agents.map((a) => [a.key, a]));
  const agentId = (a: AgentModel) => `agent:${a.key}`;

  const node = (n: GraphNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    return n.id;
  };
  const edge = (from: string, to: string) => {
    if (from !== to) edges.set(`${from}\u0000${to}`, { from, to });
  };
  const agentNode = (a: AgentModel) =>
    node({
      id: agentId(a),
      kind: 'agent',
      label: a.name,
      detail: a.declaration?.identity ?? 'no identity',
      warn: !a.declaration,
      location: locationOf(a.span),
    });
  const reachNodes = (from: string, reach: Reach) => {
    for (const s of reach.secrets) {
      const broad = classifySecret(s.name, policy).broad;
      edge(from, node({ id: `secret:${s.name}`, kind: 'secret', label: s.name, detail: broad ? 'broad' : undefined, warn: broad, location: locationOf(s.span) }));
    }
    for (const h of reach.hosts) edge(from, node({ id: `host:${h.host}`, kind: 'host', label: h.host, location: locationOf(h.span) }));
  };
  const toolNode = (a: AgentModel, use: ToolUse) => {
    const privileged = isPrivileged(use, policy);
    const gated = !!gateFor(a, use);
    if (use.mcpServer) {
      const id = node({ id: `mcp:${use.mcpServer.name}`, kind: 'tool', label: `mcp:${use.mcpServer.name}`, detail: `MCP ${use.mcpServer.transport}`, warn: privileged && !gated, location: locationOf(use.mcpServer.span) });
      reachNodes(id, use.mcpServer.reach);
      return id;
    }
    // A tool defined once and given to several agents is one node; an unresolved one is per agent.
    const id = use.tool ? `tool:${use.tool.span.file}:${use.tool.span.start}` : `tool:${a.key}#${use.key}`;
    const detail = [privileged ? 'privileged' : '', privileged && gated ? 'approval' : ''].filter(Boolean).join(' · ') || undefined;
    node({ id, kind: 'tool', label: use.key, detail, warn: privileged && !gated, location: locationOf(use.tool?.span ?? use.span) });
    if (use.tool) reachNodes(id, use.tool.reach);
    return id;
  };

  // Busiest agents first, so that a cut keeps the ones with the most reach.
  const ordered = [...agents].sort((a, b) => weight(b) - weight(a) || a.key.localeCompare(b.key));
  let omittedAgents = 0;
  for (const a of ordered) {
    if (nodes.size >= MAX_GRAPH_NODES) {
      omittedAgents++;
      continue;
    }
    const from = agentNode(a);
    for (const use of a.tools) edge(from, toolNode(a, use));
    reachNodes(from, a.ownReach);
    for (const d of a.delegates) {
      const target = d.agentKey ? byKey.get(d.agentKey) : undefined;
      const to = target ? agentNode(target) : node({ id: `delegate:${d.name}`, kind: 'delegate', label: d.name, detail: d.form, location: locationOf(d.span) });
      edge(from, to);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], omittedAgents };
}

function weight(a: AgentModel): number {
  return a.tools.length + a.delegates.length + a.ownReach.secrets.length + a.ownReach.hosts.length;
}
