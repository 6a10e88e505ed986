/**
 * Custom messages between the VS Code client and the server, beyond standard LSP. Every one is listed
 * here with its direction, so the client and server cannot drift apart.
 */

/** client → server: re-read every file and re-analyse; answers with a summary for the notification. */
export const RESCAN_REQUEST = 'agentGovernance/rescan';

export interface RescanResult {
  agents: number;
  findings: number;
  files: number;
}

/** Command ids the client registers (contributed in package.json). */
export const COMMANDS = {
  rescan: 'agentGovernance.rescan',
} as const;
