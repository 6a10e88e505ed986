import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BLAST_RADIUS_REQUEST,
  COMMANDS,
  DECLARE_ALL_REQUEST,
  EXPORT_REPORT_REQUEST,
  POLICY_FILE_REQUEST,
  RESCAN_REQUEST,
  type BlastRadiusParams,
  type BlastRadiusResult,
  type DeclareAllResult,
  type ExportFormat,
  type ExportReportResult,
  type LocatedItem,
  type PolicyFileResult,
  type RescanResult,
} from '../../server/src/lsp/protocol';
import type { AgentsTree } from './agentsTree';
import type { ReportPanel } from './reportPanel';

/** An LSP location as the server sends it (plain JSON, 0-based). */
interface LspLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every command sends one request and displays the answer; none of them analyses anything. */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, report: ReportPanel, tree: AgentsTree): void {
  const register = (id: string, run: (...args: never[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          await run(...args);
        } catch (error) {
          void vscode.window.showErrorMessage(`Agent Governance: ${(error as Error).message}`);
        }
      }),
    );

  register(COMMANDS.rescan, async () => {
    const result = await client.sendRequest<RescanResult>(RESCAN_REQUEST);
    void vscode.window.showInformationMessage(`Agent Governance: ${plural(result.agents, 'agent')}, ${plural(result.findings, 'finding')} in ${result.files} files.`);
  });

  register(COMMANDS.showReport, () => report.show());

  register(COMMANDS.exportReport, () => exportReport(client));

  register(COMMANDS.declareAll, async () => {
    const result = await client.sendRequest<DeclareAllResult>(DECLARE_ALL_REQUEST);
    if (result.agents === 0) {
      void vscode.window.showInformationMessage('Agent Governance: every agent already has an identity declaration.');
      return;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) throw new Error('the declarations could not be added (a file changed meanwhile?); try again.');
    void vscode.window.showInformationMessage(`Agent Governance: added identity declarations to ${plural(result.agents, 'agent')}. Review each @owner and save.`);
  });

  register(COMMANDS.showBlastRadius, (target?: { uri: string; position: { line: number; character: number } }) => showBlastRadius(client, target));

  register(COMMANDS.openPolicy, async () => {
    const info = await client.sendRequest<PolicyFileResult>(POLICY_FILE_REQUEST);
    const uri = vscode.Uri.parse(info.uri, true);
    if (!info.exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(info.starter));
    await vscode.window.showTextDocument(uri);
  });

  register(COMMANDS.refreshAgents, () => tree.refresh());

  register(COMMANDS.revealLocation, (location: LspLocation) => reveal(client, location));
}

async function reveal(client: LanguageClient, location: LspLocation): Promise<void> {
  const range = client.protocol2CodeConverter.asRange(location.range);
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri, true), { selection: range });
}

const FORMATS: (vscode.QuickPickItem & { format: ExportFormat; filter: Record<string, string[]> })[] = [
  { label: 'Markdown', description: 'for a pull request, wiki or job summary', format: 'markdown', filter: { Markdown: ['md'] } },
  { label: 'HTML', description: 'one self-contained page with the blast-radius graph', format: 'html', filter: { HTML: ['html'] } },
  { label: 'JSON', description: 'the stable inventory feed (schemaVersion 1)', format: 'json', filter: { JSON: ['json'] } },
  { label: 'SARIF', description: 'for GitHub code scanning and other SARIF consumers', format: 'sarif', filter: { SARIF: ['sarif', 'json'] } },
];

async function exportReport(client: LanguageClient): Promise<void> {
  const choice = await vscode.window.showQuickPick(FORMATS, { title: 'Export Agent Governance report', placeHolder: 'Format' });
  if (!choice) return;
  const result = await client.sendRequest<ExportReportResult>(EXPORT_REPORT_REQUEST, { format: choice.format });
  const base = result.rootUri ? vscode.Uri.parse(result.rootUri, true) : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export Agent Governance report',
    defaultUri: base ? vscode.Uri.joinPath(base, result.fileName) : undefined,
    filters: choice.filter,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
  const open = await vscode.window.showInformationMessage(`Agent Governance: report written to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (open) await vscode.commands.executeCommand('vscode.open', target);
}

type RadiusPick = vscode.QuickPickItem & { location?: LspLocation };

async function showBlastRadius(client: LanguageClient, target?: { uri: string; position: { line: number; character: number } }): Promise<void> {
  let params: BlastRadiusParams;
  if (target?.uri && target.position) {
    params = { uri: target.uri, position: target.position };
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error('open an agent file and put the cursor on an agent.');
    params = { uri: client.code2ProtocolConverter.asUri(editor.document.uri), position: client.code2ProtocolConverter.asPosition(editor.selection.active) };
  }
  const radius = await client.sendRequest<BlastRadiusResult | null>(BLAST_RADIUS_REQUEST, params);
  if (!radius) {
    void vscode.window.showInformationMessage('Agent Governance: no agent at the cursor. Put it on an agent definition (new Agent(…), createReactAgent(…) …).');
    return;
  }
  const section = (title: string, items: LocatedItem[], icon: string): RadiusPick[] =>
    items.length
      ? [
          { label: `${title} (${items.length})`, kind: vscode.QuickPickItemKind.Separator },
          ...items.map((i) => ({ label: `$(${icon}) ${i.label}`, description: i.detail, location: { uri: i.uri, range: i.range } })),
        ]
      : [];
  const picks: RadiusPick[] = [
    {
      label: `$(hubot) ${radius.agent}`,
      description: `${radius.identity ?? 'no identity'} · owner ${radius.owner ?? 'none'}`,
      detail: radius.total > radius.limit ? `Blast radius ${radius.total}: over the policy limit of ${radius.limit}` : `Blast radius ${radius.total} (limit ${radius.limit})`,
      location: { uri: radius.uri, range: radius.range },
    },
    ...section('Secrets', radius.secrets, 'key'),
    ...section('Hosts', radius.hosts, 'globe'),
    ...section('Privileged tools', radius.privilegedTools, 'tools'),
    ...section('Delegates', radius.delegates, 'arrow-swap'),
  ];
  const chosen = await vscode.window.showQuickPick(picks, { title: `Blast radius of ${radius.agent}: ${radius.total}`, matchOnDescription: true, matchOnDetail: true });
  if (chosen?.location) await reveal(client, chosen.location);
}
