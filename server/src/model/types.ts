/**
 * The framework-neutral model. Everything here is plain data with file paths and UTF-16 offsets, so
 * the rules, the CLI, the reports and the LSP layer can all consume it without knowing ts-morph or LSP.
 */

export type Framework = 'mastra' | 'ai-sdk' | 'openai-agents' | 'langchain' | 'mcp';

export type Severity = 'error' | 'warning' | 'info';

/** A span in a workspace file. `file` is an absolute path; offsets are UTF-16 code units. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export type MemoryKind = 'thread' | 'working' | 'semantic' | 'vector' | 'checkpoint' | 'store';
export const MEMORY_KINDS: readonly MemoryKind[] = ['thread', 'working', 'semantic', 'vector', 'checkpoint', 'store'];

/** One reference in a call chain, used to explain how an agent reaches something. */
export interface PathStep {
  span: Span;
  label: string;
}

export interface SecretRead {
  /** The environment variable's name, never its value. */
  name: string;
  span: Span;
  /** How the read is written: `process.env.X`, a destructuring, an env module property … */
  form: 'env-property' | 'env-element' | 'env-destructure' | 'import-meta-env' | 'env-module' | 'config';
  /** From the tool (or agent config) to the read: helper calls, module-level clients, env modules. */
  via: PathStep[];
}

export interface HostUse {
  host: string;
  span: Span;
  via: PathStep[];
}

/** Whole-environment pass-through or a child process started without an explicit env. */
export interface EnvExposure {
  kind: 'env-pass-through' | 'env-spread' | 'env-copy' | 'env-dynamic' | 'child-process-default-env';
  span: Span;
  via: PathStep[];
  /** Replaces the exposure with an explicit, minimal environment, when one can be written. */
  fix?: Fix;
}

/** A credential written as a literal. Only a redacted prefix is kept, never the value. */
export interface CredentialLiteral {
  kind: string;
  redacted: string;
  broad: boolean;
  span: Span;
  via: PathStep[];
}

/** A wildcard or administrative permission scope written in code. */
export interface ScopeLiteral {
  scope: string;
  reason: string;
  span: Span;
  via: PathStep[];
}

/** A side effect that code can cause: what makes a tool privileged. */
export interface SideEffect {
  kind: 'http-write' | 'sql-write' | 'orm-write' | 'file-write' | 'process' | 'messaging' | 'payment' | 'cloud' | 'vcs';
  description: string;
  span: Span;
  via: PathStep[];
}

export interface ApprovalGate {
  kind: string;
  span: Span;
}

/** What a piece of code can reach, transitively. */
export interface Reach {
  secrets: SecretRead[];
  hosts: HostUse[];
  envExposures: EnvExposure[];
  effects: SideEffect[];
  credentials: CredentialLiteral[];
  scopes: ScopeLiteral[];
  /** Agents referenced from the code (an agent invoked inside a tool is a delegate). */
  agentRefs: Span[];
}

export interface ToolModel {
  /** The tool's own id/name (`createTool({ id })`, `tool({ name })`), if written as a literal. */
  toolId?: string;
  /** The variable or property that holds the tool, if any. */
  variableName?: string;
  framework: Framework;
  /** The tool constructor call. */
  span: Span;
  /** The execute/func body, when found. */
  executeSpan?: Span;
  approval?: ApprovalGate;
  reach: Reach;
}

/** A tool as one agent holds it. */
export interface ToolUse {
  /** Key in the tools record, or the tool's id/name/variable name for arrays. */
  key: string;
  /** Names by which a declaration may list this tool (key, id, variable name). */
  aliases: string[];
  /** The entry in the agent's tools (reported location for AG104). */
  span: Span;
  tool?: ToolModel;
  /** Set when this entry stands for all tools of an MCP server (`mcp:<server>`). */
  mcpServer?: McpServerModel;
  /** Adds the framework's approval gate for this tool, when one can be written. */
  gateFix?: Fix;
}

export interface McpServerModel {
  name: string;
  framework: Framework;
  span: Span;
  transport: 'stdio' | 'http' | 'unknown';
  command?: string;
  hosts: string[];
  reach: Reach;
  /** `requireToolApproval` on the server's definition (Mastra). */
  approval?: ApprovalGate;
}

export interface MemoryUse {
  kind: MemoryKind;
  span: Span;
  description: string;
}

export interface DelegateUse {
  /** The delegate's variable name (or the agent name when resolved). */
  name: string;
  span: Span;
  form: 'sub-agent' | 'handoff' | 'agent-as-tool' | 'invoked-in-tool';
  /** Key of the delegate agent in the workspace model, when it resolved to one. */
  agentKey?: string;
}

/** A value in a declaration tag, with where it is written. */
export interface TagEntry {
  value: string;
  span: Span;
  /** `@secrets NAME(scope:a,scope:b)` scopes. */
  scopes?: string[];
}

export interface DeclarationTag {
  name: string;
  /** The whole tag, `@owner team-x`. */
  span: Span;
  /** The raw value after the tag name, trimmed. */
  value: string;
  valueSpan: Span;
  entries: TagEntry[];
}

export interface IdentityDeclaration {
  /** The JSDoc comment. */
  span: Span;
  tags: DeclarationTag[];
  identity?: string;
  owner?: string;
  purpose?: string;
  tools?: TagEntry[];
  secrets?: TagEntry[];
  memory?: TagEntry[];
  delegates?: TagEntry[];
  review?: string;
  reviewed?: string;
  expires?: string;
}

/** Where a declaration for an agent goes, and where a quick fix inserts one. */
export interface DeclarationHost {
  /** The statement/member the JSDoc attaches to. */
  span: Span;
  /** Offset of the line start where a new JSDoc block is inserted. */
  insertAt: number;
  indent: string;
  /** An existing JSDoc without identity tags that a fix extends instead of adding a second block. */
  existingDoc?: Span;
}

export interface AgentModel {
  /** Unique key in the workspace: file and construction offset. */
  key: string;
  /** Name in code: variable, property, function or class name. */
  name: string;
  framework: Framework;
  /** `new Agent(` / `createReactAgent(` / `generateText(` … */
  span: Span;
  /** The configured id/name string in the agent config, if any. */
  configuredName?: string;
  host: DeclarationHost;
  declaration: IdentityDeclaration | null;
  tools: ToolUse[];
  memory: MemoryUse[];
  delegates: DelegateUse[];
  /** Secrets/hosts read directly in the agent's config (model apiKey …), besides those of its tools. */
  ownReach: Reach;
  /** Approval configured at agent or call level, per tool key (`*` for every tool). */
  agentApprovals: Map<string, ApprovalGate>;
}

/** A text edit in a workspace file (offsets into the file as analysed). */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes can run in fix-all and on save. */
  safe: boolean;
  preferred?: boolean;
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  span: Span;
  /** The agent's name in code, when the finding concerns one agent. */
  agent?: string;
  related: RelatedInfo[];
  fixes: Fix[];
  suppressed: boolean;
  suppressionReason?: string;
}
