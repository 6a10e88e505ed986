import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../engine/engine';
import { buildReport } from '../reporting/buildReport';
import type { Report } from '../reporting/report';
import { ruleMetas } from '../rules';
import { buildGraph, type ReportGraph } from '../reporting/graph';
import { renderHtml } from '../reporting/html';
import { renderMarkdown } from '../reporting/markdown';
import { renderSarif } from '../reporting/sarif';
import { renderText } from '../reporting/text';
import { VERSION } from '../version';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export class UsageError extends Error {}

export interface ScanOptions {
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  failOn: FailOn;
  cwd: string;
  /** Progress goes to stderr only when it is a terminal. */
  progress?: (message: string) => void;
  color: boolean;
}

/** The scanned root: the one directory given, else the current directory. */
export function scanRoot(paths: string[], cwd: string): { root: string; filters: string[] } {
  const absolute = paths.map((p) => path.resolve(cwd, p));
  for (const p of absolute) if (!fs.existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
  if (absolute.length === 1 && fs.statSync(absolute[0]).isDirectory()) return { root: absolute[0], filters: [] };
  return { root: absolute.length ? cwd : cwd, filters: absolute };
}

export function render(report: Report, format: Format, color: boolean, graph?: ReportGraph): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(renderSarif(report, ruleMetas(), { toolVersion: VERSION }), null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report, ruleMetas(), { graph });
    case 'html':
      return renderHtml(report, ruleMetas(), { graph });
    default:
      return renderText(report, { color });
  }
}

const RANK: Record<string, number> = { info: 1, warning: 2, error: 3 };

/** Runs a scan and writes its output; returns the exit code (0 clean, 1 findings at or above --fail-on). */
export function runScan(options: ScanOptions): number {
  const { root, filters } = scanRoot(options.paths, options.cwd);
  const engine = new Engine({ root, configPath: options.config ? path.resolve(options.cwd, options.config) : undefined });
  const loaded = engine.loadPolicy();
  if (loaded.problems.length) {
    const details = loaded.problems.map((p) => {
      const pos = engine.position(p.span.file, p.span.start);
      return `  ${path.relative(options.cwd, p.span.file) || p.span.file}:${pos.line + 1}:${pos.character + 1}: ${p.message}`;
    });
    throw new UsageError(`invalid policy file:\n${details.join('\n')}`);
  }
  options.progress?.(`agent-governance: scanning ${root}`);
  const result = engine.analyze();
  options.progress?.(`agent-governance: ${result.files.length} files, ${result.model.agents.length} agents, ${result.findings.length} findings`);
  let report = buildReport(engine, result, VERSION);
  const inside = (file: string) => !filters.length || filters.some((f) => path.resolve(root, file) === f || path.resolve(root, file).startsWith(f + path.sep));
  if (filters.length) {
    report = { ...report, agents: report.agents.filter((a) => inside(a.location.file)), findings: report.findings.filter((f) => inside(f.location.file)) };
  }
  // The HTML page and the Markdown report draw the graph; it shows the same agents as the filtered report.
  const graph = options.format === 'html' || options.format === 'markdown' ? buildGraph(engine, result, (agent) => inside(engine.workspace.relative(agent.span.file))) : undefined;
  const text = render(report, options.format, options.color && !options.output, graph);
  if (options.output) fs.writeFileSync(path.resolve(options.cwd, options.output), text);
  else process.stdout.write(text);
  if (options.failOn === 'none') return 0;
  const threshold = RANK[options.failOn];
  return report.findings.some((f) => !f.suppressed && RANK[f.severity] >= threshold) ? 1 : 0;
}
