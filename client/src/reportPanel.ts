import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_HTML_REQUEST, type ReportHtmlParams, type ReportHtmlResult, type ReportOpenMessage } from '../../server/src/lsp/protocol';

/**
 * The workspace report webview. The server renders the page (with the nonce and CSP source given
 * here); this class shows it, refreshes it after each analysis while it is visible, and opens source
 * locations the page asks for. Only `file:` URIs with numeric positions are honoured.
 */
/** Analyses follow keystrokes; the page is re-rendered at most this often while the user types. */
const REFRESH_DELAY_MS = 300;

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private stale = false;
  private timer: NodeJS.Timeout | undefined;
  /** The last page without its nonce: an unchanged report is not re-assigned (that would reload it). */
  private shown: string | undefined;

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
    this.shown = undefined;
    panel.onDidDispose(() => {
      this.panel = undefined;
      clearTimeout(this.timer);
    });
    panel.onDidChangeViewState(() => {
      if (panel.visible && this.stale) void this.render();
    });
    panel.webview.onDidReceiveMessage((message: unknown) => void this.open(message));
    await this.render();
  }

  /** After an analysis: re-render soon if visible, else when next shown. */
  refresh(): void {
    if (!this.panel) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), REFRESH_DELAY_MS);
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    this.stale = false;
    const params: ReportHtmlParams = { nonce: randomBytes(18).toString('base64'), cspSource: panel.webview.cspSource };
    try {
      const { html } = await this.client.sendRequest<ReportHtmlResult>(REPORT_HTML_REQUEST, params);
      const content = html.split(params.nonce).join('');
      if (this.panel !== panel || content === this.shown) return;
      this.shown = content;
      panel.webview.html = html;
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
    clearTimeout(this.timer);
    this.panel?.dispose();
  }
}
