import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AGENTS_REQUEST, COMMANDS, type AgentGroupKind, type AgentTreeAgent, type AgentsResult, type LocatedItem } from '../../server/src/lsp/protocol';

type Node = { kind: 'agent'; agent: AgentTreeAgent } | { kind: 'group'; group: AgentGroupKind; items: LocatedItem[] } | { kind: 'item'; item: LocatedItem; group: AgentGroupKind };

const GROUP_ICON: Record<AgentGroupKind, string> = { tools: 'tools', secrets: 'key', memory: 'database', delegates: 'arrow-swap' };

/** The Agents view in the explorer: agents → tools / secrets / memory / delegates, fed by AGENTS_REQUEST. */
export class AgentsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.client.isRunning()) return [];
      const { agents } = await this.client.sendRequest<AgentsResult>(AGENTS_REQUEST);
      return agents.sort((a, b) => a.label.localeCompare(b.label)).map((agent) => ({ kind: 'agent', agent }));
    }
    if (node.kind === 'agent') return node.agent.groups.filter((g) => g.items.length).map((g) => ({ kind: 'group', group: g.kind, items: g.items }));
    if (node.kind === 'group') return node.items.map((item) => ({ kind: 'item', item, group: node.group }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'agent') {
      const a = node.agent;
      const item = new vscode.TreeItem(a.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${a.identity ?? 'no identity'} · blast radius ${a.blastRadius}`;
      item.iconPath = new vscode.ThemeIcon(a.identity ? 'hubot' : 'warning', a.identity ? undefined : new vscode.ThemeColor('list.warningForeground'));
      const tooltip = new vscode.MarkdownString();
      tooltip.appendText(`${a.label} (${a.framework})\nidentity: ${a.identity ?? 'none'}\nowner: ${a.owner ?? 'none'}\nblast radius: ${a.blastRadius}\nopen findings: ${a.findings}`);
      item.tooltip = tooltip;
      item.contextValue = 'agent';
      item.command = reveal(a);
      return item;
    }
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.items.length);
      item.iconPath = new vscode.ThemeIcon(GROUP_ICON[node.group]);
      return item;
    }
    const item = new vscode.TreeItem(node.item.label, vscode.TreeItemCollapsibleState.None);
    item.description = node.item.detail;
    item.iconPath = new vscode.ThemeIcon(GROUP_ICON[node.group]);
    item.command = reveal(node.item);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function reveal(item: LocatedItem): vscode.Command {
  return { title: 'Reveal', command: COMMANDS.revealLocation, arguments: [{ uri: item.uri, range: item.range }] };
}
