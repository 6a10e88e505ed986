import * as vscode from 'vscode';
import type { AnalysisSummary } from '../../server/src/lsp/protocol';

/** The workspace's open finding count; a click opens the Problems view. Hidden where there are no agents. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('agentGovernance.findings', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Agent Governance';
    this.item.command = 'workbench.actions.view.problems';
  }

  update(s: AnalysisSummary): void {
    if (s.agents === 0 && s.findings === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(shield) ${s.findings}`;
    const parts = [`${s.errors} error${s.errors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`, `${s.info} info`];
    if (s.suppressed) parts.push(`${s.suppressed} suppressed`);
    this.item.tooltip = `Agent Governance: ${s.agents} agent${s.agents === 1 ? '' : 's'}; ${parts.join(', ')}. Click to open Problems.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
