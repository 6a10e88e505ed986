/**
 * A small stand-in for the `vscode` module, enough to run the client's commands, report panel, tree
 * and status bar under node:test: it records what the client shows and lets a test answer prompts.
 * Requiring this file makes `require('vscode')` resolve to it. The real editor is exercised by the
 * e2e suites; these tests check that the client forwards requests and displays answers correctly.
 */
import Module from 'node:module';
import { URI } from 'vscode-uri';

type Listener<T> = (value: T) => void;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of this.listeners) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

export const Uri = {
  parse: (value: string) => URI.parse(value),
  file: (path: string) => URI.file(path),
  joinPath: (base: URI, ...parts: string[]) => base.with({ path: [base.path.replace(/\/$/, ''), ...parts].join('/') }),
};

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class MarkdownString {
  value = '';
  appendText(text: string): this {
    this.value += text;
    return this;
  }
}
export class TreeItem {
  description?: string;
  tooltip?: unknown;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; arguments?: unknown[] };
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}
export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };
export const StatusBarAlignment = { Left: 1, Right: 2 };
export const ViewColumn = { One: 1, Beside: -2 };
export const QuickPickItemKind = { Separator: -1, Default: 0 };

/** What the client did, for assertions; and how the "user" answers prompts. */
export const log = {
  info: [] as string[],
  errors: [] as string[],
  shown: [] as { uri: string; selection?: Range; viewColumn?: number }[],
  written: new Map<string, string>(),
  applied: [] as unknown[],
  quickPicks: [] as { items: { label: string; description?: string; detail?: string; kind?: number }[]; options: unknown }[],
  executed: [] as string[],
  /** Picks the item whose label contains this text, or cancels when undefined. */
  pick: undefined as string | undefined,
  save: undefined as URI | undefined,
  infoAnswer: undefined as string | undefined,
  reset(): void {
    this.info = [];
    this.errors = [];
    this.shown = [];
    this.written = new Map();
    this.applied = [];
    this.quickPicks = [];
    this.executed = [];
    this.pick = undefined;
    this.save = undefined;
    this.infoAnswer = undefined;
  },
};

export class FakeWebview {
  html = '';
  cspSource = 'https://fake.vscode-cdn.net';
  readonly received = new EventEmitter<unknown>();
  onDidReceiveMessage = this.received.event;
}

export class FakePanel {
  readonly webview = new FakeWebview();
  visible = true;
  readonly disposed = new EventEmitter<void>();
  readonly viewState = new EventEmitter<void>();
  onDidDispose = this.disposed.event;
  onDidChangeViewState = this.viewState.event;
  revealed = 0;
  constructor(readonly options: Record<string, unknown>) {}
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    this.disposed.fire();
  }
}

export const panels: FakePanel[] = [];
export const statusItems: { text: string; tooltip?: string; command?: string; name?: string; visible: boolean }[] = [];
export const registered = new Map<string, (...args: unknown[]) => unknown>();

export const window = {
  activeTextEditor: undefined as undefined | { document: { uri: URI }; selection: { active: Position } },
  createWebviewPanel: (_type: string, _title: string, _column: number, options: Record<string, unknown>) => {
    const panel = new FakePanel(options);
    panels.push(panel);
    return panel;
  },
  createStatusBarItem: () => {
    const item = { text: '', tooltip: undefined as string | undefined, command: undefined as string | undefined, name: undefined as string | undefined, visible: false, show: () => (item.visible = true), hide: () => (item.visible = false), dispose: () => undefined };
    statusItems.push(item);
    return item;
  },
  showInformationMessage: async (message: string) => {
    log.info.push(message);
    return log.infoAnswer;
  },
  showErrorMessage: async (message: string) => {
    log.errors.push(message);
    return undefined;
  },
  showQuickPick: async <T extends { label: string }>(items: T[], options: unknown) => {
    log.quickPicks.push({ items, options });
    return log.pick === undefined ? undefined : items.find((i) => i.label.includes(log.pick!));
  },
  showSaveDialog: async () => log.save,
  showTextDocument: async (uri: URI, options: { selection?: Range; viewColumn?: number } = {}) => {
    log.shown.push({ uri: uri.toString(), ...options });
  },
};

export const workspace = {
  workspaceFolders: undefined,
  fs: {
    writeFile: async (uri: URI, content: Uint8Array) => {
      log.written.set(uri.toString(), new TextDecoder().decode(content));
    },
  },
  applyEdit: async (edit: unknown) => {
    log.applied.push(edit);
    return true;
  },
  asRelativePath: (uri: URI) => uri.path,
};

export const commands = {
  registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
    registered.set(id, run);
    return { dispose: () => registered.delete(id) };
  },
  executeCommand: async (id: string) => {
    log.executed.push(id);
  },
};

// `require('vscode')` in the client sources resolves to this very module.
type Resolver = { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = (Module as unknown as Resolver)._resolveFilename;
(Module as unknown as Resolver)._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? __filename : resolve.call(this, request, ...rest);
};

/** A language client that answers requests from a table and records them. */
export class FakeClient {
  readonly requests: { method: string; params: unknown }[] = [];
  constructor(private readonly answers: Record<string, unknown | ((params: unknown) => unknown)>) {}
  isRunning(): boolean {
    return true;
  }
  async sendRequest<T>(method: string, params?: unknown): Promise<T> {
    this.requests.push({ method, params });
    const answer = this.answers[method];
    if (answer instanceof Error) throw answer;
    return (typeof answer === 'function' ? (answer as (p: unknown) => unknown)(params) : answer) as T;
  }
  readonly protocol2CodeConverter = {
    asRange: (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => new Range(new Position(r.start.line, r.start.character), new Position(r.end.line, r.end.character)),
    asWorkspaceEdit: async (edit: unknown) => ({ converted: edit }),
  };
  readonly code2ProtocolConverter = {
    asUri: (uri: URI) => uri.toString(),
    asPosition: (p: Position) => ({ line: p.line, character: p.character }),
  };
}
