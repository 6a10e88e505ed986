import type { AgentModel, Span } from '../model/types';
import type { AnalysisResult, Engine } from '../engine/engine';
import { classifySecret } from '../engine/broadSecrets';
import { blastRadius } from '../engine/blastRadius';
import type { Report, ReportAgent, ReportLocation } from './report';

export const TOOL_NAME = 'agent-governance' as const;

/** Turns an analysis result into the JSON report of DESIGN.md: relative paths, 1-based positions. */
export function buildReport(engine: Engine, result: AnalysisResult, version: string): Report {
  const location = (span: Span): ReportLocation & { endLine: number; endColumn: number } => {
    const start = engine.position(span.file, span.start);
    const end = engine.position(span.file, span.end);
    return { file: engine.workspace.relative(span.file), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const byKey = new Map(result.model.agents.map((a) => [a.key, a]));
  const agents: ReportAgent[] = result.model.agents.map((agent) => {
    const observed = result.observed.get(agent.key)!;
    const decl = agent.declaration;
    const { file, line, column } = location(agent.span);
    return {
      name: agent.name,
      identity: decl?.identity ?? null,
      framework: agent.framework,
      location: { file, line, column },
      declared: decl
        ? {
            owner: decl.owner ?? null,
            tools: (decl.tools ?? []).map((e) => e.value),
            secrets: (decl.secrets ?? []).map((e) => (e.scopes ? `${e.value}(${e.scopes.join(',')})` : e.value)),
            memory: (decl.memory ?? []).map((e) => e.value),
            delegates: (decl.delegates ?? []).map((e) => e.value),
            review: decl.review ?? null,
            reviewed: decl.reviewed ?? null,
            expires: decl.expires ?? null,
          }
        : null,
      observed: {
        tools: observed.tools,
        secrets: [...observed.secrets.keys()].sort().map((name) => ({ name, broad: classifySecret(name, result.policy.policy).broad })),
        memory: observed.memory,
        delegates: agent.delegates.map((d) => (d.agentKey ? byKey.get(d.agentKey)?.declaration?.identity ?? d.name : d.name)).filter((v, i, all) => all.indexOf(v) === i),
        hosts: [...observed.hosts.keys()].sort(),
      },
      blastRadius: blastRadius(agent, result, byKey).total,
    };
  });
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    location: location(f.span),
    agent: f.agent ?? null,
    suppressed: f.suppressed,
    ...(f.suppressed && f.suppressionReason ? { suppressionReason: f.suppressionReason } : {}),
    ...(f.related.length ? { related: f.related.map((r) => ({ message: r.message, location: location(r.span) })) } : {}),
  }));
  return { schemaVersion: 1, tool: { name: TOOL_NAME, version }, agents, findings };
}

export type { AgentModel };
