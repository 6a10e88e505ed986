import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AgentGovernanceServer } from './server';

let started = false;

/**
 * Starts the server on whatever transport the process was launched with (--stdio, --node-ipc, --socket).
 * Once per process: a second server on the same stdin would answer every request twice.
 */
export function startServer(): void {
  if (started) return;
  started = true;
  if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
  const connection = createConnection(ProposedFeatures.all);
  // Logging goes to the client; stray console output would corrupt a stdio transport.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  new AgentGovernanceServer(connection).start();
}
