import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS, RESCAN_REQUEST, type RescanResult } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

/** The client is a remote control: it starts the server, forwards settings and runs commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const languages = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.map((language) => ({ scheme: 'file', language })),
    synchronize: {
      configurationSection: 'agentGovernance',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'),
        vscode.workspace.createFileSystemWatcher('**/{agent-governance.config.json,CODEOWNERS,tsconfig*.json,jsconfig.json,package.json}'),
      ],
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration('agentGovernance') },
  };
  client = new LanguageClient('agentGovernance', 'Agent Governance', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.rescan, async () => {
      if (!client) return;
      const result = await client.sendRequest<RescanResult>(RESCAN_REQUEST);
      void vscode.window.showInformationMessage(`Agent Governance: ${result.agents} agent${result.agents === 1 ? '' : 's'}, ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.files} files.`);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
