import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, CodeActionRequest, type Diagnostic, type PublishDiagnosticsParams, type CodeAction, type Range } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** A real JSON-RPC client talking to `agov lsp --stdio` in a child process. */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  stderr = '';

  constructor(args: string[] = ['lsp', '--stdio']) {
    this.child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  settings: Record<string, unknown> = {};

  async initialize(root: string, settings: Record<string, unknown> = {}): Promise<void> {
    this.settings = settings;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  open(file: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI.file(file).toString(), languageId: file.endsWith('.js') ? 'javascript' : 'typescript', version, text } });
  }

  change(file: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI.file(file).toString(), version }, contentChanges: [{ text }] });
  }

  /** Waits until diagnostics for a file satisfy a predicate (event-driven, bounded by a timeout). */
  async waitForDiagnostics(file: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 15000): Promise<Diagnostic[]> {
    const uri = URI.file(file).toString();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && predicate(current.diagnostics)) return current.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for diagnostics of ${file}; last: ${JSON.stringify(current?.diagnostics.map((d) => `${d.code}@${d.range.start.line}`))}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  codeActions(file: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI.file(file).toString() }, range, context: { diagnostics } }) as Promise<CodeAction[]>;
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      this.child.on('exit', (code) => resolve(code));
    });
  }

  kill(): void {
    this.child.kill();
  }
}
