import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_HTML_REQUEST, type ReportHtmlParams, type ReportHtmlResult, type ReportOpenMessage } from '../../server/src/lsp/protocol';

/**
 * The workspace report webview. The server renders the page (with the nonce and CSP source given
 * here); this class shows it, refreshes it after each analysis while it is visible, and opens source
 * locations the page asks for. Only `file:` URIs with numeric positions are honoured.
 */
export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private stale = false;

  constructor(private readonly client: LanguageClient) {}

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      await this.render();
      return;
    }
    const panel = vscode.window.createWebviewPanel('agentGovernance.report', 'Agent Governance Report', vscode.ViewColumn.Beside, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    this.panel = panel;
    panel.onDidDispose(() => (this.panel = undefined));
    panel.onDidChangeViewState(() => {
      if (panel.visible && this.stale) void this.render();
    });
    panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message));
    await this.render();
  }

  /** After an analysis: re-render now if visible, else when next shown. */
  refresh(): void {
    if (!this.panel) return;
    if (this.panel.visible) void this.render();
    else this.stale = true;
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    this.stale = false;
    const params: ReportHtmlParams = { nonce: randomBytes(18).toString('base64'), cspSource: panel.webview.cspSource };
    try {
      const { html } = await this.client.sendRequest<ReportHtmlResult>(REPORT_HTML_REQUEST, params);
      if (this.panel === panel) panel.webview.html = html;
    } catch (error) {
      void vscode.window.showErrorMessage(`Agent Governance: the report could not be rendered: ${(error as Error).message}`);
    }
  }

  private async open(message: unknown): Promise<void> {
    const m = message as Partial<ReportOpenMessage>;
    if (m?.type !== 'open' || typeof m.uri !== 'string' || !Number.isInteger(m.line) || !Number.isInteger(m.column)) return;
    const uri = vscode.Uri.parse(m.uri, true);
    if (uri.scheme !== 'file') return;
    const position = new vscode.Position(Math.max(0, m.line! - 1), Math.max(0, m.column! - 1));
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
