/**
 * One workspace root's last completed analysis, with the views the editor features share: the JSON
 * report (built once per analysis, on first use), agents by key, and LSP ranges. Features read these;
 * none of them re-analyses.
 */

import type { Range } from 'vscode-languageserver';
import type { AnalysisResult, Engine } from '../engine/engine';
import type { AgentModel, Span } from '../model/types';
import { buildReport } from '../reporting/buildReport';
import { isPlaceholderOwner } from '../reporting/figures';
import type { Report, ReportAgent } from '../reporting/report';
import { VERSION } from '../version';
import { toRange, toUri } from './convert';

export class Analysed {
  private report: Report | undefined;
  readonly byKey: Map<string, AgentModel>;

  constructor(
    readonly engine: Engine,
    readonly result: AnalysisResult,
  ) {
    this.byKey = new Map(result.model.agents.map((a) => [a.key, a]));
  }

  get root(): string {
    return this.engine.root;
  }

  reportData(): Report {
    this.report ??= buildReport(this.engine, this.result, VERSION);
    return this.report;
  }

  /** buildReport lists agents in model order, so the index is the link between the two. */
  reportAgent(agent: AgentModel): ReportAgent | undefined {
    const index = this.result.model.agents.indexOf(agent);
    return index < 0 ? undefined : this.reportData().agents[index];
  }

  range(span: Span): Range {
    return toRange(span, (file, offset) => this.engine.position(file, offset));
  }

  location(span: Span): { uri: string; range: Range } {
    return { uri: toUri(span.file), range: this.range(span) };
  }

  /**
   * Unsuppressed findings about an agent. Findings name agents by their name in code, so two agents
   * that share a name (in different files) share their count.
   */
  openFindings(agent: AgentModel): number {
    return this.result.findings.filter((f) => !f.suppressed && f.agent === agent.name).length;
  }
}

/** `1 tool`, `2 tools`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The agent's owner as the editor shows it: null for none or a placeholder (as AG102 sees it). */
export function realOwner(agent: AgentModel): string | null {
  const owner = agent.declaration?.owner?.trim();
  return owner && !isPlaceholderOwner(owner) ? owner : null;
}
