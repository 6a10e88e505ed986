import * as path from 'node:path';
import type { AgentModel, Finding, Fix, Severity } from '../model/types';
import { RULES } from '../rules';
import { formatMessage, type RuleContext, type RuleReport } from '../rules/rule';
import { Analyzer, type WorkspaceModel } from './analyzer';
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeOwners, type CodeOwnersRule } from './codeowners';
import { addEntryFix, removeEntryFix } from './fixes/declarationEdits';
import { declarationFix, draftDeclaration } from './fixes/identityDeclaration';
import { ModuleResolver } from './moduleResolver';
import { observe, type Observed } from './observed';
import { DEFAULT_POLICY, parsePolicy, POLICY_FILE_NAME, type LoadedPolicy } from './policy';
import { findSuppressions, type Suppression } from './suppressions';
import { SymbolResolver } from './symbols';
import { MemoryFlowAnalyzer } from './memoryFlow';
import { attachLateApprovals } from './approvals';
import { isKnownExport } from '../frameworks/catalog';
import { Workspace, type SkippedFile } from './workspace';

export interface EngineOptions {
  root: string;
  /** Policy file path, absolute or relative to the root. */
  configPath?: string;
  /** Owner for new declarations when no CODEOWNERS rule matches. */
  defaultOwner?: string;
  /** Today as YYYY-MM-DD; injectable so expiry checks are testable. */
  today?: () => string;
  log?: (message: string) => void;
}

export interface AnalysisResult {
  model: WorkspaceModel;
  findings: Finding[];
  observed: Map<string, Observed>;
  policy: LoadedPolicy;
  files: string[];
  skipped: SkippedFile[];
  cancelled: boolean;
}

/**
 * The analysis engine: one workspace root, its files, policy and CODEOWNERS, and the rules over the
 * model. It knows nothing of LSP; the language server and the CLI both drive it.
 */
export class Engine {
  readonly workspace: Workspace;
  private readonly modules: ModuleResolver;
  private readonly symbols: SymbolResolver;
  private readonly analyzer: Analyzer;
  private options: EngineOptions;
  private policyCache: LoadedPolicy | undefined;
  private codeOwnersCache: CodeOwnersRule[] | undefined;

  constructor(options: EngineOptions) {
    this.options = options;
    this.workspace = new Workspace(options.root);
    this.modules = new ModuleResolver(this.workspace);
    this.symbols = new SymbolResolver(this.workspace, this.modules);
    this.symbols.knownExport = isKnownExport;
    this.analyzer = new Analyzer(this.workspace, this.symbols);
  }

  get root(): string {
    return this.workspace.root;
  }

  updateOptions(options: Partial<EngineOptions>): void {
    this.options = { ...this.options, ...options };
    this.policyCache = undefined;
  }

  policyPath(): string {
    const configured = this.options.configPath;
    return configured ? path.resolve(this.root, configured) : path.join(this.root, POLICY_FILE_NAME);
  }

  /** An editor buffer's text (or undefined when it is closed). */
  setOverlay(file: string, text: string | undefined): void {
    this.workspace.setOverlay(file, text);
    this.noteChange(file);
  }

  /** A file changed on disk. */
  fileChanged(file: string): void {
    this.workspace.invalidate(file);
    this.noteChange(file);
  }

  private noteChange(file: string): void {
    const base = path.basename(file);
    if (file === this.policyPath()) this.policyCache = undefined;
    if (base === 'CODEOWNERS') this.codeOwnersCache = undefined;
    if (/^(tsconfig|jsconfig).*\.json$/.test(base) || base === 'package.json') this.modules.reset();
    else this.modules.clearResults();
  }

  rescan(): void {
    this.workspace.rescan();
    this.modules.reset();
    this.policyCache = undefined;
    this.codeOwnersCache = undefined;
  }

  loadPolicy(): LoadedPolicy {
    if (!this.policyCache) {
      const file = this.policyPath();
      const text = this.workspace.readRaw(file);
      if (text === undefined) {
        this.policyCache = { policy: DEFAULT_POLICY, problems: [] };
        if (this.options.configPath) this.policyCache.problems.push({ message: `policy file not found: ${file}`, span: { file, start: 0, end: 0 } });
      } else {
        this.policyCache = parsePolicy(text, file);
      }
      this.workspace.setIgnoreGlobs(this.policyCache.policy.ignore);
    }
    return this.policyCache;
  }

  private codeOwners(): CodeOwnersRule[] {
    if (!this.codeOwnersCache) {
      this.codeOwnersCache = [];
      for (const location of CODEOWNERS_LOCATIONS) {
        const text = this.workspace.readRaw(path.join(this.root, location));
        if (text !== undefined) {
          this.codeOwnersCache = parseCodeOwners(text);
          break;
        }
      }
    }
    return this.codeOwnersCache;
  }

  suggestedOwner(file: string): string {
    const owners = ownersOf(this.codeOwners(), this.root, file);
    if (owners?.length) return owners[0];
    return this.options.defaultOwner?.trim() || 'TODO';
  }

  today(): string {
    return this.options.today?.() ?? new Date().toISOString().slice(0, 10);
  }

  /** Analyses the whole workspace. `isCancelled` is polled between files so stale work stops early. */
  analyze(isCancelled: () => boolean = () => false): AnalysisResult {
    const policy = this.loadPolicy();
    this.symbols.clear();
    const files = this.workspace.files();
    let model: WorkspaceModel;
    try {
      model = this.analyzer.analyze(files, isCancelled);
    } catch (error) {
      this.options.log?.(`analysis failed: ${(error as Error).stack ?? error}`);
      model = { agents: [], tools: [], mcpServers: [], memoryFlows: [] };
    }
    this.traceMemory(model, files);
    const observed = new Map(model.agents.map((a) => [a.key, observe(a)]));
    const suppressions: Suppression[] = [];
    for (const file of files) {
      const sf = this.workspace.sourceFile(file);
      if (sf) suppressions.push(...findSuppressions(sf));
    }
    const findings = this.runRules(model, observed, policy, suppressions);
    return { model, findings, observed, policy, files, skipped: [...this.workspace.skipped.values()], cancelled: isCancelled() };
  }

  /** Memory reads inside tools become the holding agents' memory; flows to sinks feed AG301. */
  private traceMemory(model: WorkspaceModel, files: string[]): void {
    attachLateApprovals(files, this.workspace, this.analyzer);
    const byExecute = new Map(model.tools.filter((t) => t.executeSpan).map((t) => [`${t.executeSpan!.file}:${t.executeSpan!.start}`, t]));
    const flows = new MemoryFlowAnalyzer(
      this.workspace,
      this.symbols,
      (fn) => byExecute.get(`${fn.getSourceFile().fileName}:${fn.getStart()}`),
      (expr) => this.analyzer.toolAt(expr),
    );
    try {
      model.memoryFlows = flows.analyze(files);
    } catch (error) {
      this.options.log?.(`memory-flow analysis failed: ${(error as Error).stack ?? error}`);
    }
    for (const agent of model.agents) {
      for (const read of flows.reads) {
        if (!read.tool || !agent.tools.some((u) => u.tool === read.tool)) continue;
        if (!agent.memory.some((m) => m.span.start === read.span.start && m.span.file === read.span.file)) agent.memory.push({ kind: read.kind, span: read.span, description: read.description });
      }
    }
  }

  private runRules(model: WorkspaceModel, observed: Map<string, Observed>, loaded: LoadedPolicy, suppressions: Suppression[]): Finding[] {
    const findings: Finding[] = [];
    const identities = new Map<string, AgentModel[]>();
    for (const agent of model.agents) {
      const id = agent.declaration?.identity;
      if (id) identities.set(id, [...(identities.get(id) ?? []), agent]);
    }
    const byKey = new Map(model.agents.map((a) => [a.key, a]));
    const today = this.today();
    const text = (file: string) => this.workspace.text(file) ?? '';
    const declarationFixFor = (agent: AgentModel): Fix => {
      const draft = draftDeclaration(agent, observed.get(agent.key)!, {
        owner: this.suggestedOwner(agent.span.file),
        takenIds: new Set(identities.keys()),
        policy: loaded.policy,
        today,
        delegateName: (key, fallback) => (key ? byKey.get(key)?.declaration?.identity ?? fallback : fallback),
      });
      return declarationFix(agent, draft, text(agent.host.span.file));
    };
    for (const rule of RULES) {
      const override = loaded.policy.rules[rule.meta.id];
      if (override === 'off') continue;
      const severity: Severity = override ?? rule.meta.defaultSeverity;
      const ctx: RuleContext = {
        model,
        policy: loaded.policy,
        today,
        observed: (agent) => observed.get(agent.key) ?? observe(agent),
        suggestedOwner: (file) => this.suggestedOwner(file),
        identities,
        policyProblems: loaded.problems,
        suppressions,
        agent: (key) => byKey.get(key),
        declarationFix: declarationFixFor,
        addEntryFix: (agent, tag, value) => addEntryFix(agent, tag, value, text(agent.declaration?.span.file ?? agent.span.file)),
        removeEntryFix: (agent, tag, entry) => removeEntryFix(agent, tag, entry, text(entry.span.file)),
        report: (r: RuleReport<string>) => {
          findings.push({
            ruleId: rule.meta.id,
            severity,
            message: formatMessage(rule.meta.messages[r.messageId], r.data),
            span: r.span,
            agent: r.agent?.name,
            related: r.related ?? [],
            fixes: r.fixes ?? [],
            suppressed: false,
          });
        },
      };
      try {
        rule.check(ctx);
      } catch (error) {
        this.options.log?.(`rule ${rule.meta.id} failed: ${(error as Error).stack ?? error}`);
      }
    }
    this.applySuppressions(findings, suppressions);
    return findings.sort((a, b) => a.span.file.localeCompare(b.span.file) || a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  }

  private applySuppressions(findings: Finding[], suppressions: Suppression[]): void {
    if (!suppressions.length) return;
    const byFile = new Map<string, Suppression[]>();
    for (const s of suppressions) if (s.reason) byFile.set(s.span.file, [...(byFile.get(s.span.file) ?? []), s]);
    for (const finding of findings) {
      if (finding.ruleId === 'AG902') continue;
      const candidates = byFile.get(finding.span.file);
      if (!candidates) continue;
      const line = this.position(finding.span.file, finding.span.start).line;
      const match = candidates.find((s) => s.line === line && s.ruleIds.includes(finding.ruleId));
      if (match) {
        finding.suppressed = true;
        finding.suppressionReason = match.reason;
      }
    }
  }

  /** 0-based line and UTF-16 character of an offset in a workspace file (any text file). */
  position(file: string, offset: number): { line: number; character: number } {
    const sf = this.workspace.sourceFile(file);
    if (sf) return sf.getLineAndCharacterOfPosition(Math.min(offset, sf.text.length));
    const text = this.workspace.readRaw(file) ?? '';
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  }
}
