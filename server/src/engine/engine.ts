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
import { MemoryFlowAnalyzer, type MemoryFlow, type MemoryRead } from './memoryFlow';
import { MEMORY_HINT } from './memorySources';
import { attachLateApprovals } from './approvals';
import { isKnownExport } from '../frameworks/catalog';
import { FileGraph } from './fileGraph';
import { spanKey } from './spans';
import type { ts } from './ts';
import type { ToolModel } from '../model/types';
import { Workspace, type SkippedFile } from './workspace';

const SUPPRESSION_WORD = 'agent-governance-disable-next-line';
/** The text test attachLateApprovals makes: files without these words hold no late approval. */
const LATE_APPROVAL_HINT = /needsApproval|requireApproval|requireToolApproval/;

/** One file's memory flows and reads, for its parse (`sf` undefined: the file reads no memory). */
interface FileFlows {
  text: string | undefined;
  sf: ts.SourceFile | undefined;
  /** The tools whose execute functions the analysis saw in the file's import closure. */
  tools: string;
  flows: MemoryFlow[];
  reads: MemoryRead[];
}

/** Per-file results that depend on the file's text only. */
interface TextFacts {
  text: string;
  memoryHint: boolean;
  lateApprovalHint: boolean;
  suppressions: Suppression[] | undefined;
}

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
  private readonly graph: FileGraph;
  private readonly flowCache = new Map<string, FileFlows>();
  private readonly textFacts = new Map<string, TextFacts>();
  /** Files that may read memory, hold a late approval or a suppression comment, by their text. */
  private readonly memoryFiles = new SortedSet();
  private readonly lateApprovalFiles = new SortedSet();
  private readonly suppressionFiles = new SortedSet();
  /** The files an analysis looks at (see workFiles), for a graph version and memory-file set. */
  private work: { version: number; memory: string[]; all: string[]; relevant: string[] } | undefined;
  /** The file list of the last analysis, to notice files appearing or disappearing. */
  private lastFiles: string[] | undefined;
  private listed = new Set<string>();
  /** Where the next `prepare` resumes in the work list. */
  private prepareCursor = 0;
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
    this.graph = new FileGraph(this.workspace, this.modules);
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

  /** A file changed on disk (or was created or deleted). */
  fileChanged(file: string): void {
    this.workspace.invalidate(file);
    this.noteChange(file);
  }

  /**
   * Module resolution depends on which files exist, not on what they say: it is redone when a tsconfig
   * or package.json changes, or when the file list does (see refresh). An edit only changes its file.
   */
  private noteChange(file: string): void {
    const base = path.basename(file);
    if (file === this.policyPath()) this.policyCache = undefined;
    if (base === 'CODEOWNERS') this.codeOwnersCache = undefined;
    if (/^(tsconfig|jsconfig).*\.json$/.test(base) || base === 'package.json') this.modules.reset();
    this.prepareCursor = 0;
  }

  /** Forget everything and analyse from scratch next time. */
  rescan(): void {
    this.workspace.clear();
    this.modules.reset();
    this.graph.reset();
    this.symbols.clear();
    this.analyzer.reset();
    this.flowCache.clear();
    this.textFacts.clear();
    this.memoryFiles.clear();
    this.lateApprovalFiles.clear();
    this.suppressionFiles.clear();
    this.work = undefined;
    this.prepareCursor = 0;
    this.lastFiles = undefined;
    this.listed = new Set();
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

  /**
   * Brings the file graph up to date and forgets what was derived from changed files and from every
   * file that imports one of them; everything else is kept for the next analysis.
   */
  private refresh(files: string[]): void {
    const changes = this.workspace.takeChanges();
    let full = changes.everything;
    if (files !== this.lastFiles) {
      // Files appeared or disappeared: what imports resolve to may differ.
      if (this.lastFiles && (files.length !== this.lastFiles.length || files.some((f, i) => f !== this.lastFiles![i]))) this.modules.clearResults();
      this.lastFiles = files;
      this.listed = new Set(files);
      this.work = undefined;
      full = true;
    }
    full ||= this.graph.needsFullUpdate;
    const changed = full ? this.graph.update(files) : this.graph.updateFiles(changes.files);
    if (full) {
      this.memoryFiles.clear();
      this.lateApprovalFiles.clear();
      this.suppressionFiles.clear();
      for (const file of this.textFacts.keys()) if (!this.listed.has(file)) this.textFacts.delete(file);
      for (const file of files) this.index(file);
    } else {
      for (const file of changed) if (this.listed.has(file)) this.index(file);
    }
    if (!changed.size) return;
    const affected = this.graph.affected(changed);
    this.symbols.invalidate(affected);
    this.analyzer.invalidate(affected);
    for (const file of affected) this.flowCache.delete(file);
    this.prepareCursor = 0;
  }

  /** Puts a listed file in the sets its text says it belongs to. */
  private index(file: string): void {
    const facts = this.textFactsOf(file);
    this.memoryFiles.toggle(file, !!facts?.memoryHint);
    this.lateApprovalFiles.toggle(file, !!facts?.lateApprovalHint);
    this.suppressionFiles.toggle(file, !!facts && facts.suppressions?.length !== 0);
  }

  /**
   * The files an analysis looks at, in file order: those with a framework package in their import
   * closure (they may hold constructions) and those that may read memory. No other file can add
   * anything, so an analysis costs what these cost, not what the workspace does.
   */
  private workFiles(): { memory: string[]; all: string[]; relevant: string[] } {
    const memory = this.memoryFiles.sorted();
    if (this.work?.version === this.graph.version && this.work.memory === memory) return this.work;
    // Files outside the list (ignored by policy, outside the root) are read for resolution only.
    const relevant = this.graph.relevantFiles().filter((file) => this.listed.has(file));
    const all = [...new Set([...relevant, ...memory])].sort();
    this.work = { version: this.graph.version, memory, all, relevant };
    return this.work;
  }

  /**
   * Does up to `budgetMs` of the per-file work of the next analysis (reading, parsing, finding framework
   * constructions, memory flows of files that cannot reach a framework); true when none is left. What it
   * does is kept by content, so a caller may stop at any point (a newer edit) and lose nothing.
   */
  prepare(budgetMs = Infinity): boolean {
    return this.workspace.withRawCache(() => this.prepareSome(budgetMs));
  }

  private prepareSome(budgetMs: number): boolean {
    const deadline = performance.now() + budgetMs;
    this.loadPolicy();
    const files = this.workspace.files();
    if (this.prepareCursor === 0) this.refresh(files);
    const work = this.workFiles().all;
    // At least one file per call, so that any budget makes progress.
    while (this.prepareCursor < work.length) {
      this.prepareFile(work[this.prepareCursor++]);
      if (this.prepareCursor < work.length && performance.now() > deadline) return false;
    }
    return true;
  }

  private prepareFile(file: string): void {
    const relevant = this.graph.isRelevant(file);
    try {
      this.analyzer.prepare(file, relevant);
      if (!relevant) this.fileFlows(file);
    } catch (error) {
      this.options.log?.(`analysis of ${file} failed: ${(error as Error).stack ?? error}`);
    }
  }

  /**
   * Analyses the whole workspace, reusing what earlier analyses found in files whose import closure
   * did not change. `isCancelled` is polled between files so stale work stops early.
   */
  analyze(isCancelled: () => boolean = () => false): AnalysisResult {
    return this.workspace.withRawCache(() => this.analyzeNow(isCancelled));
  }

  private analyzeNow(isCancelled: () => boolean): AnalysisResult {
    const policy = this.loadPolicy();
    const files = this.workspace.files();
    this.prepareCursor = 0;
    this.refresh(files);
    const work = this.workFiles();
    let model: WorkspaceModel;
    try {
      model = this.analyzer.analyze(work.relevant, isCancelled);
    } catch (error) {
      this.options.log?.(`analysis failed: ${(error as Error).stack ?? error}`);
      model = { agents: [], tools: [], mcpServers: [], memoryFlows: [] };
    }
    this.traceMemory(model, work.memory, isCancelled);
    const observed = new Map(model.agents.map((a) => [a.key, observe(a)]));
    const suppressions: Suppression[] = [];
    for (const file of this.suppressionFiles.sorted()) suppressions.push(...this.suppressionsOf(file));
    const findings = this.runRules(model, observed, policy, suppressions);
    return { model, findings, observed, policy, files, skipped: [...this.workspace.skipped.values()], cancelled: isCancelled() };
  }

  /** What a file's text alone tells, cached by text. */
  private textFactsOf(file: string): TextFacts | undefined {
    const text = this.workspace.text(file);
    if (text === undefined) {
      this.textFacts.delete(file);
      return undefined;
    }
    let facts = this.textFacts.get(file);
    if (facts?.text !== text) {
      facts = { text, memoryHint: MEMORY_HINT.test(text), lateApprovalHint: LATE_APPROVAL_HINT.test(text), suppressions: text.includes(SUPPRESSION_WORD) ? undefined : [] };
      this.textFacts.set(file, facts);
    }
    return facts;
  }

  private suppressionsOf(file: string): Suppression[] {
    const facts = this.textFactsOf(file);
    if (!facts) return [];
    if (!facts.suppressions) {
      const sf = this.workspace.sourceFile(file);
      facts.suppressions = sf ? findSuppressions(sf) : [];
    }
    return facts.suppressions;
  }

  /**
   * A file's memory flows, computed on their own (a file's flows follow its imports only) and kept for
   * its parse. `make` builds an analyser that sees this analysis's tools; without it, none are seen,
   * which is right for files that cannot reach a framework (they can reach no tool either).
   */
  private fileFlows(file: string, make?: () => MemoryFlowAnalyzer, executes?: Map<string, string[]>): FileFlows {
    const facts = this.textFactsOf(file);
    const cached = this.flowCache.get(file);
    if (!facts?.memoryHint) {
      if (cached && cached.text === facts?.text && !cached.sf) return cached;
      const none: FileFlows = { text: facts?.text, sf: undefined, tools: '', flows: [], reads: [] };
      this.flowCache.set(file, none);
      return none;
    }
    const sf = this.workspace.sourceFile(file);
    // Which tools exist depends on which agents hold them, anywhere: a flow inside a tool's execute is
    // only seen while the tool is held, so the cache is for the tools in this file's closure too.
    let tools = '';
    if (executes?.size) {
      const closure = this.graph.closure(file);
      tools = [...executes].filter(([f]) => closure.has(f)).flatMap(([, keys]) => keys).join('|');
    }
    if (cached && cached.sf === sf && cached.text === facts.text && cached.tools === tools) return cached;
    const analyzer = make?.() ?? new MemoryFlowAnalyzer(this.workspace, this.symbols, () => undefined, () => undefined);
    let flows: MemoryFlow[] = [];
    try {
      flows = analyzer.analyze([file]);
    } catch (error) {
      this.options.log?.(`memory-flow analysis of ${file} failed: ${(error as Error).stack ?? error}`);
    }
    const entry: FileFlows = { text: facts.text, sf, tools, flows, reads: analyzer.reads };
    this.flowCache.set(file, entry);
    return entry;
  }

  /** Memory reads inside tools become the holding agents' memory; flows to sinks feed AG301. */
  private traceMemory(model: WorkspaceModel, memoryFiles: string[], isCancelled: () => boolean): void {
    attachLateApprovals(this.lateApprovalFiles.sorted().filter((file) => this.graph.isRelevant(file)), this.workspace, this.analyzer);
    const byExecute = new Map(model.tools.filter((t) => t.executeSpan).map((t) => [`${t.executeSpan!.file}:${t.executeSpan!.start}`, t]));
    const executes = new Map<string, string[]>();
    for (const key of [...byExecute.keys()].sort()) {
      const file = key.slice(0, key.lastIndexOf(':'));
      executes.set(file, [...(executes.get(file) ?? []), key]);
    }
    const make = () =>
      new MemoryFlowAnalyzer(
        this.workspace,
        this.symbols,
        (fn) => byExecute.get(`${fn.getSourceFile().fileName}:${fn.getStart()}`),
        (expr) => this.analyzer.toolAt(expr),
      );
    // Flows found in an earlier analysis name that analysis's tool objects: name this one's instead.
    const bySpan = new Map(model.tools.map((t) => [spanKey(t.span), t]));
    const current = (tool: ToolModel | undefined) => (tool ? bySpan.get(spanKey(tool.span)) ?? tool : undefined);
    const flows: MemoryFlow[] = [];
    const reads: MemoryRead[] = [];
    const seenSinks = new Set<string>();
    const seenReads = new Set<string>();
    for (const file of memoryFiles) {
      if (isCancelled()) break;
      let entry: FileFlows;
      try {
        entry = this.graph.isRelevant(file) ? this.fileFlows(file, make, executes) : this.fileFlows(file);
      } catch (error) {
        this.options.log?.(`memory-flow analysis of ${file} failed: ${(error as Error).stack ?? error}`);
        continue;
      }
      for (const flow of entry.flows) {
        const key = `${flow.sink.span.file}:${flow.sink.span.start}:${flow.source.span.start}`;
        if (seenSinks.has(key)) continue;
        seenSinks.add(key);
        flows.push(flow.tool || flow.invokedTool ? { ...flow, tool: current(flow.tool), invokedTool: current(flow.invokedTool) } : flow);
      }
      for (const read of entry.reads) {
        const key = spanKey(read.span);
        if (seenReads.has(key)) continue;
        seenReads.add(key);
        reads.push(read.tool ? { ...read, tool: current(read.tool) } : read);
      }
    }
    model.memoryFlows = flows;
    for (const agent of model.agents) {
      for (const read of reads) {
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

/** A set of file names that keeps its sorted list until its membership changes. */
class SortedSet {
  private readonly items = new Set<string>();
  private list: string[] | undefined;

  has(item: string): boolean {
    return this.items.has(item);
  }

  toggle(item: string, member: boolean): void {
    if (member === this.items.has(item)) return;
    if (member) this.items.add(item);
    else this.items.delete(item);
    this.list = undefined;
  }

  clear(): void {
    this.items.clear();
    this.list = undefined;
  }

  sorted(): string[] {
    this.list ??= [...this.items].sort();
    return this.list;
  }
}
