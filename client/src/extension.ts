import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ANALYSIS_DONE_NOTIFICATION, type AnalysisSummary } from '../../server/src/lsp/protocol';
import { AgentsTree } from './agentsTree';
import { registerCommands } from './commands';
import { ReportPanel } from './reportPanel';
import { StatusItem } from './statusBar';

let client: LanguageClient | undefined;

/**
 * The client is a remote control: it starts the server, forwards settings, and registers commands
 * and views that send the requests of protocol.ts and display the answers. No analysis happens here.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const languages = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...languages.map((language) => ({ scheme: 'file', language })),
      // The policy file is synced as a document too, so AG901 follows the buffer as it is typed.
      { scheme: 'file', pattern: '**/agent-governance.config.json' },
    ],
    synchronize: {
      configurationSection: 'agentGovernance',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'),
        vscode.workspace.createFileSystemWatcher('**/{agent-governance.config.json,CODEOWNERS,tsconfig*.json,jsconfig.json,package.json}'),
      ],
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration('agentGovernance') },
  };
  const languageClient = new LanguageClient('agentGovernance', 'Agent Governance', serverOptions, clientOptions);
  client = languageClient;

  const report = new ReportPanel(languageClient);
  const tree = new AgentsTree(languageClient);
  const status = new StatusItem();
  context.subscriptions.push(report, tree, status, vscode.window.registerTreeDataProvider('agentGovernance.agents', tree));
  registerCommands(context, languageClient, report, tree);

  await languageClient.start();
  context.subscriptions.push(
    languageClient.onNotification(ANALYSIS_DONE_NOTIFICATION, (summary: AnalysisSummary) => {
      status.update(summary);
      tree.refresh();
      report.refresh();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
