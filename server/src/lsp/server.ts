import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, type AnalysisResult } from '../engine/engine';
import type { Fix } from '../model/types';
import { VERSION } from '../version';
import { SOURCE, toCodeAction, toDiagnostic, toFile, toUri } from './convert';
import { RESCAN_REQUEST, type RescanResult } from './protocol';
import { parseSettings, type Settings } from './settings';

/** Delay after the last keystroke before re-analysing: long enough to skip intermediate states. */
const DEBOUNCE_MS = 150;

interface StoredFix {
  diagnostic: Diagnostic;
  fixes: Fix[];
}

/**
 * Wires the engine to an LSP connection: document sync, debounced analysis, push diagnostics, quick
 * fixes looked up from the last analysis (not recomputed), settings and the rescan request.
 */
export class AgentGovernanceServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly engines = new Map<string, Engine>();
  private settings: Settings = parseSettings({});
  private canPullConfiguration = false;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private published = new Set<string>();
  private fixesByUri = new Map<string, Map<string, StoredFix>>();
  private roots: string[] = [];
  private lastResults = new Map<string, AnalysisResult>();

  constructor(private readonly connection: Connection) {}

  start(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.initialized());
    c.onDidChangeConfiguration((change) => {
      if (!this.canPullConfiguration) this.settings = parseSettings((change.settings as { agentGovernance?: unknown })?.agentGovernance);
      void this.refreshSettings().then(() => this.schedule(0));
    });
    c.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const file = toFile(change.uri);
        if (!file) continue;
        const engine = this.engineFor(file);
        if (change.type === FileChangeType.Changed) engine.fileChanged(file);
        else engine.workspace.rescan();
        engine.fileChanged(file);
      }
      this.schedule();
    });
    c.onCodeAction((params) => this.codeActions(params));
    c.onRequest(RESCAN_REQUEST, () => this.rescan());
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
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) this.settings = parseSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
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
    this.schedule(0);
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
    this.timer = setTimeout(() => this.validate(), delay);
  }

  private validate(): void {
    const generation = this.generation;
    if (!this.settings.enable) {
      this.publish(new Map());
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
      this.lastResults.set(root, result);
      const positionOf = engine.position.bind(engine);
      for (const finding of result.findings) {
        if (finding.suppressed) continue;
        const uri = toUri(finding.span.file);
        const key = `${finding.ruleId}:${finding.span.start}:${finding.span.end}:${finding.agent ?? ''}:${diagnostics.get(uri)?.length ?? 0}`;
        const diagnostic = toDiagnostic(finding, positionOf, key);
        diagnostics.set(uri, [...(diagnostics.get(uri) ?? []), diagnostic]);
        if (finding.fixes.length) {
          if (!fixes.has(uri)) fixes.set(uri, new Map());
          fixes.get(uri)!.set(key, { diagnostic, fixes: finding.fixes });
        }
      }
    }
    this.fixesByUri = fixes;
    this.publish(diagnostics);
  }

  private publish(diagnostics: Map<string, Diagnostic[]>): void {
    for (const uri of this.published) if (!diagnostics.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, list] of diagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: list, version: this.documents.get(uri)?.version });
    this.published = new Set(diagnostics.keys());
  }

  private codeActions(params: CodeActionParams): CodeAction[] {
    const stored = this.fixesByUri.get(params.textDocument.uri);
    const file = toFile(params.textDocument.uri);
    if (!stored || !file) return [];
    const engine = this.engineFor(file);
    const positionOf = engine.position.bind(engine);
    const versionOf = (uri: string) => this.documents.get(uri)?.version ?? null;
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const key = (diagnostic.data as { key?: string } | undefined)?.key;
      const entry = key ? stored.get(key) : undefined;
      if (!entry) continue;
      for (const fix of entry.fixes) actions.push(toCodeAction(fix, diagnostic, positionOf, versionOf));
    }
    return actions;
  }

  private rescan(): RescanResult {
    for (const engine of this.engines.values()) engine.rescan();
    this.generation++;
    this.validate();
    let agents = 0;
    let findings = 0;
    let files = 0;
    for (const result of this.lastResults.values()) {
      agents += result.model.agents.length;
      findings += result.findings.filter((f) => !f.suppressed).length;
      files += result.files.length;
    }
    return { agents, findings, files };
  }
}

