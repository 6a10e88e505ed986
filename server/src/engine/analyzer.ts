import type { AgentModel, ApprovalGate, DelegateUse, Framework, McpServerModel, Reach, ToolModel } from '../model/types';
import { adapterFor } from '../frameworks';
import { approvalFrom, propertyValue, type AdapterHelpers } from '../frameworks/adapter';
import { lookup, type CatalogEntry } from '../frameworks/catalog';
import { approvalGateFix } from '../frameworks/approvalFixes';
import { dependencyMajor } from './packageVersions';
import { parseDeclaration, isIdentityDoc } from './declaration';
import { findHost, lastJsDoc } from './hosts';
import { emptyReach, ReachAnalyzer } from './reach';
import { spanKey, spanOf } from './spans';
import { propertyNameText, unwrapExpression, type Origin, type SymbolResolver } from './symbols';
import { ts } from './ts';
import type { Workspace } from './workspace';
import type { MemoryFlow } from './memoryFlow';

export interface WorkspaceModel {
  agents: AgentModel[];
  tools: ToolModel[];
  mcpServers: McpServerModel[];
  /** Recalled memory reaching privileged sinks (filled by the memory-flow pass). */
  memoryFlows: MemoryFlow[];
}

interface Construction {
  node: ts.CallExpression | ts.NewExpression;
  entry: CatalogEntry;
  origin: Origin & { kind: 'external' };
}

const MCP_TOOL_METHODS = new Set(['listTools', 'getTools', 'tools', 'listToolsets', 'getToolsets']);

/**
 * What one file contributed to the last analyses, valid while the file's parse is the same and nothing
 * in its import closure changed (the engine invalidates it otherwise): its framework constructions,
 * and the tools, MCP servers and agent reach computed from them. Tool models are kept pristine and
 * copied into each analysis, which may add late approvals to its copy.
 */
interface FileFacts {
  sf: ts.SourceFile;
  constructions: Construction[];
  tools: Map<ts.Node, ToolModel>;
  servers: Map<ts.Node, { servers: McpServerModel[]; inner: Construction[] }>;
  ownReach: Map<ts.Node, Reach>;
}

/** What is assigned to a `let`/`var` after its declaration, by declaration node (so, by parse). */
const assignmentsByDeclaration = new WeakMap<ts.VariableDeclaration, ts.Expression[]>();

/**
 * Builds the framework-neutral model of a workspace: every agent with its tools, MCP servers, memory,
 * delegates and reach, from framework constructions found by resolving imports.
 */
export class Analyzer {
  private constructions = new Map<ts.Node, Construction>();
  private agentNodes = new Map<ts.Node, AgentModel>();
  private tools = new Map<ts.Node, ToolModel>();
  private servers = new Map<ts.Node, McpServerModel[]>();
  /** Tool model → its construction, in this analysis. */
  private readonly toolNodes = new Map<ToolModel, ts.Node>();
  private readonly facts = new Map<string, FileFacts>();
  readonly reach: ReachAnalyzer;

  constructor(private readonly workspace: Workspace, private readonly symbols: SymbolResolver) {
    this.reach = new ReachAnalyzer(symbols, (decl) => this.agentConstructionOf(decl));
  }

  /** Forget what these files contributed (they, or files they import, changed). */
  invalidate(files: ReadonlySet<string>): void {
    for (const file of files) this.facts.delete(file);
  }

  /** Forget everything. */
  reset(): void {
    this.facts.clear();
  }

  /**
   * Collects one file's framework constructions, unless they are known for its current parse. Returns
   * false when the file cannot be read. `relevant` false means the file cannot hold any (no framework
   * package in its import closure) and is not read at all.
   */
  prepare(file: string, relevant: boolean): boolean {
    if (!relevant) {
      this.facts.delete(file);
      return true;
    }
    const sf = this.workspace.sourceFile(file);
    if (!sf) {
      this.facts.delete(file);
      return false;
    }
    const known = this.facts.get(file);
    if (known?.sf === sf) return true;
    const constructions = /\bimport\b|\brequire\s*\(/.test(sf.text) ? this.collect(sf) : [];
    this.facts.set(file, { sf, constructions, tools: new Map(), servers: new Map(), ownReach: new Map() });
    return true;
  }

  /**
   * The model of the workspace from the constructions of `files` (those that can hold any: the engine
   * passes the files with a framework package in their import closure). Work done for files whose
   * closure did not change is reused.
   */
  analyze(files: string[], isCancelled: () => boolean = () => false): WorkspaceModel {
    this.constructions.clear();
    this.agentNodes.clear();
    this.tools.clear();
    this.servers.clear();
    this.toolNodes.clear();
    this.reach.clear();
    const listed = new Set(files);
    for (const file of [...this.facts.keys()]) if (!listed.has(file)) this.facts.delete(file);
    for (const file of files) {
      if (isCancelled()) break;
      if (!this.prepare(file, true)) continue;
      for (const c of this.facts.get(file)?.constructions ?? []) this.constructions.set(c.node, c);
    }
    const agentConstructions = [...this.constructions.values()].filter((c) => this.isAgentConstruction(c));
    // Register every agent first so that delegates and agent references resolve in any order.
    for (const c of agentConstructions) this.agentNodes.set(c.node, this.shell(c));
    for (const c of agentConstructions) this.fill(this.agentNodes.get(c.node)!, c);
    this.attachSessions();
    const agents = [...this.agentNodes.values()].sort((a, b) => a.key.localeCompare(b.key));
    return { agents, tools: [...this.tools.values()], mcpServers: [...this.servers.values()].flat(), memoryFlows: [] };
  }

  private collect(sf: ts.SourceFile): Construction[] {
    const found: Construction[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const origin = this.symbols.originOf(node.expression);
        if (origin?.kind === 'external') {
          const isCreate = origin.members.length === 1 && origin.members[0] === 'create';
          const entry = origin.members.length === 0 || isCreate ? lookup(origin.module, origin.name) : undefined;
          if (entry && (!isCreate || entry.role === 'agent')) found.push({ node, entry, origin });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return found;
  }

  /** The cached facts of the file a node is in. */
  private factsOf(node: ts.Node): FileFacts | undefined {
    const sf = node.getSourceFile();
    const facts = this.facts.get(sf.fileName);
    return facts?.sf === sf ? facts : undefined;
  }

  private isAgentConstruction(c: Construction): boolean {
    if (c.entry.role === 'agent') return true;
    if (c.entry.role !== 'generate') return false;
    const config = c.node.arguments?.[0] && this.valueOf(c.node.arguments[0]);
    return !!config && ts.isObjectLiteralExpression(config) && !!propertyValue(config, 'tools');
  }

  /** The agent construction a declaration holds, for reach's agent references. */
  private agentConstructionOf(decl: ts.Node): ts.Node | undefined {
    let value: ts.Node | undefined;
    if (ts.isVariableDeclaration(decl) && decl.initializer) value = unwrapExpression(decl.initializer);
    else if (ts.isPropertyAssignment(decl)) value = unwrapExpression(decl.initializer);
    else if (ts.isExpression(decl as ts.Expression)) value = unwrapExpression(decl as ts.Expression);
    if (!value) return undefined;
    const c = this.constructions.get(value);
    return c && this.isAgentConstruction(c) && c.entry.role === 'agent' ? value : undefined;
  }

  private helpers: AdapterHelpers = {
    valueOf: (expr) => this.valueOf(expr),
    roleOf: (node) => this.constructions.get(node)?.entry.role,
    assignedValues: (id) => this.assignedValues(id),
  };

  private assignedValues(id: ts.Identifier): ts.Expression[] {
    const origin = this.symbols.originOf(id);
    const decl = origin?.kind === 'local' && origin.members.length === 0 ? origin.node : undefined;
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || (decl.parent.flags & ts.NodeFlags.Const) !== 0) return [];
    // Every analysis asks again (the model is rebuilt on each edit); a parse's answer does not change.
    const known = assignmentsByDeclaration.get(decl);
    if (known) return known;
    // The variable's scope: the function (or file) that declares it.
    let scope: ts.Node = decl;
    while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    const name = decl.name.text;
    const values: ts.Expression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) {
        const target = this.symbols.originOf(n.left);
        if (target?.kind === 'local' && target.node === decl) values.push(n.right);
      }
      ts.forEachChild(n, visit);
    };
    visit(scope);
    assignmentsByDeclaration.set(decl, values);
    return values;
  }

  /** The value an expression denotes, through const variables and imports. */
  valueOf(expr: ts.Expression, depth = 0): ts.Expression {
    const e = unwrapExpression(expr);
    if (depth > 8 || !(ts.isIdentifier(e) || ts.isPropertyAccessExpression(e))) return e;
    const origin = this.symbols.originOf(e);
    if (origin?.kind !== 'local' || origin.members.length) return e;
    const decl = origin.node;
    if (ts.isVariableDeclaration(decl) && decl.initializer) return this.valueOf(decl.initializer, depth + 1);
    if (ts.isExpression(decl as ts.Expression) && !ts.isIdentifier(decl)) return this.valueOf(decl as ts.Expression, depth + 1);
    return e;
  }

  private shell(c: Construction): AgentModel {
    const framework = c.entry.framework as Framework;
    const perCall = c.entry.role === 'generate';
    const hostInfo = findHost(c.node, perCall);
    const adapter = adapterFor(framework);
    const configExpr = adapter?.agentConfig(c.node);
    const config = configExpr && this.valueOf(configExpr);
    const configuredName = config && ts.isObjectLiteralExpression(config) && adapter ? this.stringOf(config, adapter.nameProperties) : undefined;
    let declaration = null;
    for (const candidate of [hostInfo.node, ...hostInfo.outer]) {
      const doc = lastJsDoc(candidate);
      if (doc && isIdentityDoc(doc.text)) {
        declaration = parseDeclaration(doc.text, doc.pos, candidate.getSourceFile().fileName);
        break;
      }
    }
    const span = spanOf(c.node);
    const calleeEnd = c.node.expression.getEnd();
    return {
      key: spanKey(span),
      name: hostInfo.name ?? configuredName ?? 'agent',
      framework,
      // Reported at the construction's head: `new Agent(` / `createAgent(`.
      span: { file: span.file, start: span.start, end: Math.min(span.end, calleeEnd + 1) },
      configuredName,
      host: hostInfo.host,
      declaration,
      tools: [],
      memory: [],
      delegates: [],
      ownReach: emptyReach(),
      agentApprovals: new Map(),
    };
  }

  private stringOf(config: ts.ObjectLiteralExpression, names: string[]): string | undefined {
    for (const name of names) {
      const v = propertyValue(config, name);
      const e = v && this.valueOf(v);
      if (e && ts.isStringLiteralLike(e)) return e.text;
    }
    return undefined;
  }

  private fill(agent: AgentModel, c: Construction): void {
    const adapter = adapterFor(agent.framework);
    if (!adapter) return;
    const configExpr = adapter.agentConfig(c.node);
    const config = configExpr && this.valueOf(configExpr);
    if (!config || !ts.isObjectLiteralExpression(config)) return;
    for (const prop of adapter.toolProperties) {
      const value = propertyValue(config, prop);
      if (value) this.collectTools(agent, value, 0);
    }
    for (const { property, form } of adapter.delegateProperties) {
      const value = propertyValue(config, property);
      if (value) this.collectDelegates(agent, value, form);
    }
    agent.memory.push(...adapter.memory(config, this.helpers));
    this.attachGateFixes(agent, c, config);
    agent.agentApprovals = adapter.agentApprovals(config);
    const cachedOwn = this.factsOf(c.node)?.ownReach;
    let own = cachedOwn?.get(c.node);
    if (!own) {
      const skip = new Set([...adapter.toolProperties, ...adapter.delegateProperties.map((d) => d.property), 'memory', 'instructions', 'description', 'messages', 'prompt', 'system']);
      own = emptyReach();
      for (const p of config.properties) {
        const name = p.name && propertyNameText(p.name);
        if (name && skip.has(name)) continue;
        mergeReach(own, this.reach.reachOf(p));
      }
      cachedOwn?.set(c.node, own);
    }
    agent.ownReach = own;
    // Agents used inside tools are delegates too (an agent invoked as a tool).
    for (const use of agent.tools) {
      for (const ref of use.tool?.reach.agentRefs ?? []) {
        const target = [...this.agentNodes.values()].find((a) => a.span.file === ref.file && a.span.start === ref.start);
        if (target && target !== agent && !agent.delegates.some((d) => d.agentKey === target.key)) {
          agent.delegates.push({ name: target.name, span: use.span, form: 'invoked-in-tool', agentKey: target.key });
        }
      }
    }
  }

  private attachGateFixes(agent: AgentModel, c: Construction, config: ts.ObjectLiteralExpression): void {
    const sf = c.node.getSourceFile();
    const aiMajor = agent.framework === 'ai-sdk' ? dependencyMajor(this.workspace, sf.fileName, 'ai') : undefined;
    let hitlName: string | undefined;
    for (const statement of sf.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== 'langchain') continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) hitlName = bindings.elements.find((e) => (e.propertyName ?? e.name).text === 'humanInTheLoopMiddleware')?.name.text ?? hitlName;
    }
    for (const use of agent.tools) {
      // Approval keyed by tool name cannot name an MCP server's tools; those get no written gate.
      if (!use.tool) continue;
      const toolNode = use.tool ? this.toolNodes.get(use.tool) ?? [...this.tools.entries()].find(([, t]) => t === use.tool)?.[0] : undefined;
      const toolCall = toolNode && (ts.isCallExpression(toolNode) || ts.isNewExpression(toolNode)) ? toolNode : undefined;
      const shape = toolCall && use.tool ? adapterFor(use.tool.framework)?.toolShape(toolCall) : undefined;
      use.gateFix = approvalGateFix({ framework: agent.framework, toolConfig: shape?.config, agentConfig: config, agentKind: c.origin.name, key: use.key, aiMajor, hitlName });
    }
  }

  private collectTools(agent: AgentModel, value: ts.Expression, depth: number): void {
    if (depth > 4) return;
    let v = this.valueOf(value);
    if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) {
      const body = ts.isBlock(v.body) ? returnedExpression(v.body) : v.body;
      if (!body) return;
      v = this.valueOf(body);
    }
    if (ts.isObjectLiteralExpression(v)) {
      for (const p of v.properties) {
        if (ts.isSpreadAssignment(p)) this.collectTools(agent, p.expression, depth + 1);
        else if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
          const key = propertyNameText(p.name) ?? p.name.getText();
          this.addToolEntry(agent, key, ts.isPropertyAssignment(p) ? p.initializer : p.name, p);
        }
      }
      return;
    }
    if (ts.isArrayLiteralExpression(v)) {
      for (const element of v.elements) {
        if (ts.isSpreadElement(element)) this.collectTools(agent, element.expression, depth + 1);
        else this.addToolEntry(agent, undefined, element, element);
      }
      return;
    }
    const servers = this.mcpServersOfToolsCall(v);
    if (servers) for (const s of servers) this.addServer(agent, s, value);
  }

  private addToolEntry(agent: AgentModel, key: string | undefined, valueExpr: ts.Expression, entryNode: ts.Node): void {
    const value = this.valueOf(valueExpr);
    // `other.asTool(...)`: an agent called as a tool is a delegate.
    if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'asTool') {
      const target = this.agentFromExpression(value.expression.expression);
      agent.delegates.push({ name: target?.name ?? value.expression.expression.getText(), span: spanOf(entryNode), form: 'agent-as-tool', agentKey: target?.key });
      return;
    }
    const c = this.constructions.get(value);
    if (c && (c.entry.role === 'mcp-server' || c.entry.role === 'mcp-client')) {
      for (const s of this.serversOf(c)) this.addServer(agent, s, entryNode as ts.Expression);
      return;
    }
    const servers = this.mcpServersOfToolsCall(value);
    if (servers) {
      for (const s of servers) this.addServer(agent, s, entryNode as ts.Expression);
      return;
    }
    const tool = c && c.entry.role === 'tool' ? this.toolOf(c) : undefined;
    const variableName = ts.isIdentifier(unwrapExpression(valueExpr)) ? (unwrapExpression(valueExpr) as ts.Identifier).text : undefined;
    const name = key ?? tool?.toolId ?? variableName ?? valueExpr.getText().slice(0, 40);
    const aliases = [...new Set([name, key, tool?.toolId, variableName].filter((x): x is string => !!x))];
    agent.tools.push({ key: name, aliases, span: spanOf(entryNode), tool });
  }

  private addServer(agent: AgentModel, server: McpServerModel, at: ts.Node): void {
    const key = `mcp:${server.name}`;
    if (agent.tools.some((t) => t.key === key)) return;
    agent.tools.push({ key, aliases: [key], span: spanOf(at), mcpServer: server });
  }

  /** `await mcp.listTools()` / `client.getTools()` / `mcp.tools()`: the MCP servers behind it. */
  private mcpServersOfToolsCall(expr: ts.Expression): McpServerModel[] | undefined {
    const e = this.valueOf(expr);
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !MCP_TOOL_METHODS.has(e.expression.name.text)) return undefined;
    const receiver = this.valueOf(e.expression.expression);
    const c = this.constructions.get(receiver);
    if (!c || (c.entry.role !== 'mcp-client' && c.entry.role !== 'mcp-server')) return undefined;
    return this.serversOf(c);
  }

  private toolOf(c: Construction): ToolModel {
    const existing = this.tools.get(c.node);
    if (existing) return existing;
    const cache = this.factsOf(c.node)?.tools;
    const known = cache?.get(c.node);
    const tool = { ...(known ?? this.computeTool(c)) };
    if (!known) cache?.set(c.node, { ...tool });
    this.tools.set(c.node, tool);
    this.toolNodes.set(tool, c.node);
    return tool;
  }

  private computeTool(c: Construction): ToolModel {
    const adapter = adapterFor(c.entry.framework as Framework);
    const shape = adapter?.toolShape(c.node) ?? {};
    const execute = shape.execute && (ts.isIdentifier(shape.execute) ? this.valueOf(shape.execute) : shape.execute);
    const holder = c.node.parent && ts.isVariableDeclaration(unwrapParent(c.node)) ? (unwrapParent(c.node) as ts.VariableDeclaration) : undefined;
    const tool: ToolModel = {
      toolId: shape.toolId,
      variableName: holder && ts.isIdentifier(holder.name) ? holder.name.text : undefined,
      framework: c.entry.framework as Framework,
      span: spanOf(c.node),
      executeSpan: execute ? spanOf(execute) : undefined,
      approval: shape.approval ?? (execute ? this.interruptIn(execute) : undefined),
      reach: this.reach.reachOf(execute ?? c.node),
    };
    return tool;
  }

  /** The MCP servers a client/transport/server construction starts or connects to. */
  private serversOf(c: Construction): McpServerModel[] {
    const cached = this.servers.get(c.node);
    if (cached) return cached;
    const cache = this.factsOf(c.node)?.servers;
    const known = cache?.get(c.node);
    if (known) {
      this.servers.set(c.node, known.servers);
      // The transports it wraps are servers of the model too, as when they were first computed.
      for (const inner of known.inner) this.serversOf(inner);
      return known.servers;
    }
    const servers: McpServerModel[] = [];
    this.servers.set(c.node, servers);
    const record = { servers, inner: [] as Construction[] };
    cache?.set(c.node, record);
    const arg = c.node.arguments?.[0] && this.valueOf(c.node.arguments[0]);
    const framework = c.entry.framework as Framework;
    const holderName = (() => {
      const p = unwrapParent(c.node);
      return ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : undefined;
    })();
    const make = (name: string, config: ts.Expression, at: ts.Node): McpServerModel => {
      const cfg = this.valueOf(config);
      const obj = ts.isObjectLiteralExpression(cfg) ? cfg : undefined;
      const command = obj && propertyValue(obj, 'command');
      const commandValue = command && this.valueOf(command);
      const hasUrl = obj && (propertyValue(obj, 'url') || propertyValue(obj, 'serverUrl'));
      const reach = this.reach.reachOf(cfg);
      return {
        name,
        framework,
        span: spanOf(at),
        transport: command || (obj && propertyValue(obj, 'fullCommand')) ? 'stdio' : hasUrl ? 'http' : 'unknown',
        command: commandValue && ts.isStringLiteralLike(commandValue) ? commandValue.text : undefined,
        hosts: [...new Set(reach.hosts.map((h) => h.host))],
        reach,
        approval: obj ? approvalFrom(obj, ['requireToolApproval', 'requireApproval']) : undefined,
      };
    };
    if (!arg || !ts.isObjectLiteralExpression(arg)) {
      if (c.entry.role === 'mcp-transport' || c.entry.role === 'mcp-server') servers.push(make(holderName ?? 'mcp', c.node, c.node));
      return servers;
    }
    if (c.entry.role === 'mcp-client' && (propertyValue(arg, 'servers') || propertyValue(arg, 'mcpServers'))) {
      const record = this.valueOf((propertyValue(arg, 'servers') ?? propertyValue(arg, 'mcpServers'))!);
      if (ts.isObjectLiteralExpression(record)) {
        for (const p of record.properties) {
          if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
            servers.push(make(propertyNameText(p.name) ?? p.name.getText(), ts.isPropertyAssignment(p) ? p.initializer : p.name, p));
          }
        }
      }
      return servers;
    }
    if (c.entry.role === 'mcp-client' && propertyValue(arg, 'transport')) {
      const transport = this.valueOf(propertyValue(arg, 'transport')!);
      const inner = this.constructions.get(transport);
      const name = this.stringOf(arg, ['name']) ?? holderName ?? 'mcp';
      if (inner) {
        record.inner.push(inner);
        const innerServers = this.serversOf(inner);
        servers.push(...innerServers.map((s) => ({ ...s, name })));
      } else {
        servers.push(make(name, transport, c.node));
      }
      return servers;
    }
    if (c.entry.role === 'mcp-client') {
      // LangChain's older form: the record of servers is the whole argument.
      for (const p of arg.properties) {
        if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(this.valueOf(p.initializer))) servers.push(make(propertyNameText(p.name) ?? 'mcp', p.initializer, p));
      }
      return servers;
    }
    servers.push(make(this.stringOf(arg, ['name']) ?? holderName ?? 'mcp', arg, c.node));
    return servers;
  }

  /** The agent a value denotes, through variables and imports. */
  agentAt(expr: ts.Expression): AgentModel | undefined {
    return this.agentFromExpression(expr);
  }

  private agentFromExpression(expr: ts.Expression): AgentModel | undefined {
    const v = this.valueOf(expr);
    return this.agentNodes.get(v);
  }

  private collectDelegates(agent: AgentModel, value: ts.Expression, form: DelegateUse['form']): void {
    const v = this.valueOf(value);
    const add = (expr: ts.Expression, at: ts.Node, key?: string) => {
      let target = this.agentFromExpression(expr);
      let f = form;
      const e = this.valueOf(expr);
      if (!target && ts.isCallExpression(e) && this.constructions.get(e)?.entry.role === 'handoff' && e.arguments[0]) {
        target = this.agentFromExpression(e.arguments[0]);
        f = 'handoff';
      }
      const name = target?.name ?? key ?? unwrapExpression(expr).getText().slice(0, 40);
      agent.delegates.push({ name, span: spanOf(at), form: f, agentKey: target?.key });
    };
    if (ts.isObjectLiteralExpression(v)) {
      for (const p of v.properties) {
        if (ts.isPropertyAssignment(p)) add(p.initializer, p, propertyNameText(p.name));
        else if (ts.isShorthandPropertyAssignment(p)) add(p.name, p, p.name.text);
      }
    } else if (ts.isArrayLiteralExpression(v)) {
      for (const element of v.elements) if (!ts.isSpreadElement(element)) add(element, element);
    }
  }

  /** OpenAI sessions are passed per run: `run(agent, input, { session })`. */
  private attachSessions(): void {
    for (const c of this.constructions.values()) {
      if (c.entry.role !== 'run' || !c.node.arguments || c.node.arguments.length < 3) continue;
      const agent = this.agentFromExpression(c.node.arguments[0]);
      const options = this.valueOf(c.node.arguments[2]);
      if (!agent || !ts.isObjectLiteralExpression(options)) continue;
      const session = options.properties.find((p) => p.name && propertyNameText(p.name) === 'session');
      if (session && !agent.memory.some((m) => m.kind === 'thread')) agent.memory.push({ kind: 'thread', span: spanOf(session), description: 'OpenAI Agents session (conversation history)' });
    }
  }

  /** LangGraph `interrupt()` inside a tool pauses for a human before it acts: an approval gate. */
  private interruptIn(fn: ts.Node): ApprovalGate | undefined {
    let found: ApprovalGate | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n)) {
        const origin = this.symbols.originOf(n.expression);
        if (origin?.kind === 'external' && origin.name === 'interrupt' && /^@langchain\/langgraph/.test(origin.module)) found = { kind: 'interrupt', span: spanOf(n) };
      }
      ts.forEachChild(n, visit);
    };
    visit(fn);
    return found;
  }

  /** The tool a value denotes (a tool construction, through variables and imports). */
  toolAt(expr: ts.Expression): ToolModel | undefined {
    const c = this.constructions.get(this.valueOf(expr));
    return c && c.entry.role === 'tool' ? this.toolOf(c) : undefined;
  }

  agentByNode(node: ts.Node): AgentModel | undefined {
    return this.agentNodes.get(node);
  }
}

function unwrapParent(node: ts.Node): ts.Node {
  let p = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isAwaitExpression(p))) p = p.parent;
  return p;
}

function returnedExpression(body: ts.Block): ts.Expression | undefined {
  for (const statement of body.statements) if (ts.isReturnStatement(statement) && statement.expression) return statement.expression;
  return undefined;
}

export function mergeReach(into: Reach, from: Reach): void {
  into.secrets.push(...from.secrets);
  into.hosts.push(...from.hosts);
  into.envExposures.push(...from.envExposures);
  into.effects.push(...from.effects);
  into.credentials.push(...from.credentials);
  into.scopes.push(...from.scopes);
  into.agentRefs.push(...from.agentRefs);
}

