import * as path from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, type AnalysisResult } from '../engine/engine';
import { VERSION } from '../version';
import { agentHover, agentLenses, agentTreeNode, blastRadiusAt } from './agentViews';
import { Analysed } from './analysed';
import { codeActions, type StoredFix } from './codeActions';
import { SOURCE, toDiagnostic, toFile, toUri } from './convert';
import { declareAll } from './declareAll';
import { policyFileInfo } from './policyFile';
import {
  AGENTS_REQUEST,
  ANALYSIS_DONE_NOTIFICATION,
  BLAST_RADIUS_REQUEST,
  DECLARE_ALL_REQUEST,
  EXPORT_FORMATS,
  EXPORT_REPORT_REQUEST,
  FIX_ALL_KIND,
  POLICY_FILE_REQUEST,
  REPORT_HTML_REQUEST,
  RESCAN_REQUEST,
  type AgentsResult,
  type AnalysisSummary,
  type BlastRadiusParams,
  type BlastRadiusResult,
  type DeclareAllResult,
  type ExportReportParams,
  type ExportReportResult,
  type PolicyFileResult,
  type ReportHtmlParams,
  type ReportHtmlResult,
  type RescanResult,
} from './protocol';
import { exportReport, reportWebviewHtml } from './reports';
import { parseSettings, type Settings } from './settings';

/**
 * Delay after the last keystroke before re-analysing: long enough to skip intermediate states.
 * AGOV_DEBOUNCE_MS overrides it (the benchmark measures edit-to-diagnostics latency with 0).
 */
const DEBOUNCE_MS = /^\d+$/.test(process.env.AGOV_DEBOUNCE_MS ?? '') ? Number(process.env.AGOV_DEBOUNCE_MS) : 150;

/** A long analysis gives the event loop back this often, so requests and newer edits are heard. */
const SLICE_MS = 25;

const CODE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/**
 * Wires the engine to an LSP connection: document sync, debounced analysis, push diagnostics, and the
 * editor features over the last analysis (hover, CodeLens, code actions, the custom requests of
 * protocol.ts). Features never re-analyse; a request that arrives while an analysis is pending runs it
 * first, so answers always match the current text.
 */
export class AgentGovernanceServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly engines = new Map<string, Engine>();
  private settings: Settings = parseSettings({});
  private canPullConfiguration = false;
  private canRefreshCodeLens = false;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private published = new Map<string, { json: string; version: number | undefined }>();
  /** A sliced analysis is under way (see run). */
  private running = false;
  private fixesByUri = new Map<string, Map<string, StoredFix>>();
  private roots: string[] = [];
  private analysed = new Map<Engine, Analysed>();

  constructor(private readonly connection: Connection) {}

  start(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onDidChangeConfiguration((change) => {
      if (!this.canPullConfiguration) this.settings = parseSettings((change.settings as { agentGovernance?: unknown })?.agentGovernance);
      void this.refreshSettings().then(() => this.schedule(0));
    });
    c.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const file = toFile(change.uri);
        if (!file) continue;
        const engine = this.engineFor(file);
        // A created or deleted file changes the file list; a changed one only its own content.
        if (change.type !== FileChangeType.Changed) engine.workspace.rescan();
        engine.fileChanged(file);
      }
      this.schedule();
    });
    c.onCodeAction((params) => this.guard('codeAction', [], () => this.codeActions(params)));
    c.onHover((params) => this.guard('hover', null, () => this.hover(params)));
    c.onCodeLens((params) => this.guard('codeLens', [], () => this.codeLenses(params.textDocument.uri)));
    c.onRequest(RESCAN_REQUEST, () => this.rescan());
    c.onRequest(REPORT_HTML_REQUEST, (params: ReportHtmlParams) => this.reportHtml(params));
    c.onRequest(EXPORT_REPORT_REQUEST, (params: ExportReportParams) => this.exportReport(params));
    c.onRequest(DECLARE_ALL_REQUEST, () => this.declareAll());
    c.onRequest(BLAST_RADIUS_REQUEST, (params: BlastRadiusParams) => this.guard('blastRadius', null, () => this.blastRadius(params)));
    c.onRequest(AGENTS_REQUEST, () => this.guard('agents', { agents: [] }, () => this.agents()));
    c.onRequest(POLICY_FILE_REQUEST, () => this.policyFile());
    this.documents.onDidChangeContent((e) => {
      const file = toFile(e.document.uri);
      if (!file) return;
      this.engineFor(file).setOverlay(file, e.document.getText());
      this.schedule();
    });
    this.documents.onDidClose((e) => {
      const file = toFile(e.document.uri);
      if (!file) return;
      this.engineFor(file).setOverlay(file, undefined);
      this.schedule();
    });
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => toFile(f.uri)).filter((f): f is string => !!f) ?? [];
    const rootUri = params.rootUri ? toFile(params.rootUri) : undefined;
    this.roots = folders.length ? folders : rootUri ? [rootUri] : params.rootPath ? [params.rootPath] : [];
    this.canPullConfiguration = !!params.capabilities.workspace?.configuration;
    this.canRefreshCodeLens = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) this.settings = parseSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: SOURCE, version: VERSION },
    };
  }

  private async initialized(): Promise<void> {
    if (this.canPullConfiguration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'agentGovernance' });
    }
    await this.refreshSettings();
    await this.firstScan();
  }

  /**
   * The first scan reads and parses the whole workspace, which can take a while on a large one: it
   * reports work-done progress when the client supports it (the library sends nothing otherwise).
   */
  private async firstScan(): Promise<void> {
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('Agent Governance', undefined, 'Scanning workspace…');
    // Let the begin notification go out before the synchronous analysis holds the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.generation++;
      await this.run(true);
    } finally {
      progress.done();
    }
  }

  private async refreshSettings(): Promise<void> {
    if (this.canPullConfiguration) {
      try {
        this.settings = parseSettings(await this.connection.workspace.getConfiguration('agentGovernance'));
      } catch {
        // A client that advertised configuration but failed to answer keeps the previous settings.
      }
    }
    for (const engine of this.engines.values()) engine.updateOptions(this.engineOptions());
  }

  private engineOptions() {
    return { defaultOwner: this.settings.defaultOwner, configPath: this.settings.configPath || undefined, log: (m: string) => this.connection.console.error(m) };
  }

  private engineFor(file: string): Engine {
    const root = this.roots.filter((r) => file === r || file.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0] ?? path.dirname(file);
    let engine = this.engines.get(root);
    if (!engine) {
      engine = new Engine({ root, ...this.engineOptions() });
      this.engines.set(root, engine);
    }
    return engine;
  }

  private schedule(delay = DEBOUNCE_MS): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run(false);
    }, delay);
  }

  /**
   * Analyses in slices: the per-file work (reading, parsing, finding constructions) is done SLICE_MS at
   * a time with the event loop given back in between, and abandoned as soon as a newer change is
   * scheduled; the engine keeps what was done, so the next run goes on from there. Then the analysis
   * proper, which is incremental, runs and publishes. `untilDone` (the first scan) never abandons.
   */
  private async run(untilDone: boolean): Promise<void> {
    const generation = this.generation;
    this.running = true;
    try {
      if (this.settings.enable) {
        for (const root of this.roots) this.engineFor(path.join(root, '__root__'));
        for (const engine of [...this.engines.values()]) {
          while (!this.prepare(engine)) {
            await new Promise((resolve) => setImmediate(resolve));
            if (!untilDone && generation !== this.generation) return;
          }
        }
      }
      if (untilDone || generation === this.generation) this.validate();
    } finally {
      if (generation === this.generation || untilDone) this.running = false;
    }
  }

  private prepare(engine: Engine): boolean {
    try {
      return engine.prepare(SLICE_MS);
    } catch (error) {
      this.connection.console.error(`analysis of ${engine.root} failed: ${(error as Error).stack ?? error}`);
      return true;
    }
  }

  /** Runs a scheduled or unfinished analysis now, so that a feature answers about the text the user sees. */
  private flush(): void {
    if (!this.timer && !this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++; // a sliced run still under way stops; this one publishes
    this.running = false;
    this.validate();
  }

  /** A feature that fails answers with its empty value and one log line; the server keeps running. */
  private guard<T>(name: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.connection.console.error(`${name} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  }

  private validate(): void {
    const generation = this.generation;
    if (!this.settings.enable) {
      this.analysed.clear();
      this.fixesByUri = new Map();
      this.publish(new Map());
      this.afterAnalysis();
      return;
    }
    for (const root of this.roots) this.engineFor(path.join(root, '__root__'));
    const diagnostics = new Map<string, Diagnostic[]>();
    const fixes = new Map<string, Map<string, StoredFix>>();
    for (const [root, engine] of this.engines) {
      const isStale = () => generation !== this.generation;
      let result: AnalysisResult;
      try {
        result = engine.analyze(isStale);
      } catch (error) {
        this.connection.console.error(`analysis of ${root} failed: ${(error as Error).stack ?? error}`);
        continue;
      }
      if (isStale()) return; // a newer change is scheduled; its run publishes
      this.analysed.set(engine, new Analysed(engine, result));
      const positionOf = engine.position.bind(engine);
      for (const finding of result.findings) {
        if (finding.suppressed) continue;
        const uri = toUri(finding.span.file);
        const key = `${finding.ruleId}:${finding.span.start}:${finding.span.end}:${finding.agent ?? ''}:${diagnostics.get(uri)?.length ?? 0}`;
        const diagnostic = toDiagnostic(finding, positionOf, key);
        const list = diagnostics.get(uri);
        if (list) list.push(diagnostic);
        else diagnostics.set(uri, [diagnostic]);
        if (finding.fixes.length) {
          if (!fixes.has(uri)) fixes.set(uri, new Map());
          fixes.get(uri)!.set(key, { diagnostic, fixes: finding.fixes });
        }
      }
    }
    this.fixesByUri = fixes;
    this.publish(diagnostics);
    this.afterAnalysis();
  }

  /**
   * Sends the diagnostics of files whose list changed (or whose open document has a newer version):
   * after an edit, most files' diagnostics are what the client already shows.
   */
  private publish(diagnostics: Map<string, Diagnostic[]>): void {
    for (const uri of this.published.keys()) {
      if (diagnostics.has(uri)) continue;
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.published.delete(uri);
    }
    for (const [uri, list] of diagnostics) {
      const version = this.documents.get(uri)?.version;
      const json = JSON.stringify(list);
      const last = this.published.get(uri);
      if (last && last.json === json && last.version === version) continue;
      void this.connection.sendDiagnostics({ uri, diagnostics: list, version });
      this.published.set(uri, { json, version });
    }
  }

  /** Tells the client the figures changed (status bar, report, tree) and that CodeLens titles may have. */
  private afterAnalysis(): void {
    void this.connection.sendNotification(ANALYSIS_DONE_NOTIFICATION, this.summary());
    if (this.canRefreshCodeLens) this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  private summary(): AnalysisSummary {
    const s: AnalysisSummary = { agents: 0, files: 0, findings: 0, errors: 0, warnings: 0, info: 0, suppressed: 0 };
    for (const { result } of this.analysed.values()) {
      s.agents += result.model.agents.length;
      s.files += result.files.length;
      for (const f of result.findings) {
        if (f.suppressed) s.suppressed++;
        else if (f.severity === 'error') s.errors++;
        else if (f.severity === 'warning') s.warnings++;
        else s.info++;
      }
    }
    s.findings = s.errors + s.warnings + s.info;
    return s;
  }

  /** The last analysis of the root that holds a file, after running any pending one. */
  private analysedFor(uri: string): { file: string; analysed: Analysed } | undefined {
    const file = toFile(uri);
    if (!file) return undefined;
    this.flush();
    const analysed = this.analysed.get(this.engineFor(file));
    return analysed ? { file, analysed } : undefined;
  }

  private all(): Analysed[] {
    this.flush();
    return [...this.analysed.values()];
  }

  private offsetOf(uri: string, analysed: Analysed, position: { line: number; character: number }): number {
    const document = this.documents.get(uri);
    if (document) return document.offsetAt(position);
    const file = toFile(uri)!;
    return TextDocument.create(uri, 'typescript', 0, analysed.engine.workspace.readRaw(file) ?? '').offsetAt(position);
  }

  private hover(params: TextDocumentPositionParams): Hover | null {
    const at = this.analysedFor(params.textDocument.uri);
    if (!at) return null;
    return agentHover(at.analysed, at.file, this.offsetOf(params.textDocument.uri, at.analysed, params.position));
  }

  private codeLenses(uri: string): CodeLens[] {
    const at = this.analysedFor(uri);
    return at ? agentLenses(at.analysed, at.file) : [];
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const uri = params.textDocument.uri;
    const file = toFile(uri);
    if (!file) return [];
    // Fix-all applies stored offsets: they must come from the text being saved.
    if (params.context.only?.some((k) => FIX_ALL_KIND.startsWith(k))) this.flush();
    const engine = this.engineFor(file);
    return codeActions(params, {
      file,
      stored: this.fixesByUri.get(uri),
      text: this.documents.get(uri)?.getText() ?? engine.workspace.readRaw(file),
      isCode: CODE_FILE.test(file),
      positionOf: engine.position.bind(engine),
      versionOf: (u) => this.documents.get(u)?.version ?? null,
    });
  }

  private blastRadius(params: BlastRadiusParams): BlastRadiusResult | null {
    const at = this.analysedFor(params.uri);
    if (!at) return null;
    return blastRadiusAt(at.analysed, at.file, this.offsetOf(params.uri, at.analysed, params.position));
  }

  private agents(): AgentsResult {
    return { agents: this.all().flatMap((a) => a.result.model.agents.map((agent) => agentTreeNode(a, agent))) };
  }

  private reportHtml(params: ReportHtmlParams): ReportHtmlResult {
    try {
      return { html: reportWebviewHtml(this.all(), params.nonce, params.cspSource) };
    } catch (error) {
      // A bad nonce or CSP source is the caller's mistake; say so rather than log a stack.
      throw new ResponseError(ErrorCodes.InvalidParams, (error as Error).message);
    }
  }

  private exportReport(params: ExportReportParams): ExportReportResult {
    if (!EXPORT_FORMATS.includes(params?.format)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `format must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    return exportReport(this.all(), params.format);
  }

  private declareAll(): DeclareAllResult {
    return declareAll(this.all(), (uri) => this.documents.get(uri)?.version ?? null);
  }

  private policyFile(): PolicyFileResult {
    const root = this.roots[0];
    if (!root) throw new ResponseError(ErrorCodes.InvalidRequest, 'no workspace folder is open');
    return policyFileInfo(this.engineFor(path.join(root, '__root__')));
  }

  private rescan(): RescanResult {
    for (const engine of this.engines.values()) engine.rescan();
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.validate();
    const s = this.summary();
    return { agents: s.agents, findings: s.findings, files: s.files };
  }
}
