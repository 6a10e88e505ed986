import type { Framework } from '../model/types';

/** What an imported export is to the analysis. */
export type Role =
  | 'agent' // constructs an agent
  | 'generate' // generateText/streamText: an agent when given tools
  | 'tool'
  | 'memory' // Mastra Memory
  | 'mcp-client' // a client holding one or more MCP servers
  | 'mcp-transport' // a transport that starts or connects to one server
  | 'mcp-server' // OpenAI MCPServerStdio and friends
  | 'session' // OpenAI sessions (conversation memory)
  | 'checkpointer'
  | 'store'
  | 'handoff'
  | 'hitl-middleware'
  | 'run'
  | 'registry'
  | 'child-process'
  | 'promisify';

export interface CatalogEntry {
  framework: Framework | 'node';
  role: Role;
}

type Table = Record<string, Record<string, CatalogEntry>>;

function entries(framework: Framework | 'node', role: Role, names: string[]): Record<string, CatalogEntry> {
  return Object.fromEntries(names.map((n) => [n, { framework, role }]));
}

const mastraCore = { ...entries('mastra', 'agent', ['Agent']), ...entries('mastra', 'tool', ['createTool']), ...entries('mastra', 'registry', ['Mastra']) };
const aiSdk = {
  ...entries('ai-sdk', 'agent', ['ToolLoopAgent', 'Experimental_Agent']),
  ...entries('ai-sdk', 'generate', ['generateText', 'streamText']),
  ...entries('ai-sdk', 'tool', ['tool', 'dynamicTool']),
  ...entries('ai-sdk', 'mcp-client', ['experimental_createMCPClient', 'createMCPClient']),
};
const aiSdkStdio = entries('ai-sdk', 'mcp-transport', ['StdioMCPTransport', 'Experimental_StdioMCPTransport']);
const openAi = {
  ...entries('openai-agents', 'agent', ['Agent']),
  ...entries('openai-agents', 'tool', ['tool', 'hostedMcpTool']),
  ...entries('openai-agents', 'handoff', ['handoff']),
  ...entries('openai-agents', 'run', ['run']),
  ...entries('openai-agents', 'mcp-server', ['MCPServerStdio', 'MCPServerStreamableHttp', 'MCPServerSSE']),
  ...entries('openai-agents', 'session', ['MemorySession', 'OpenAIConversationsSession']),
};
const langchainTools = entries('langchain', 'tool', ['tool', 'DynamicStructuredTool', 'DynamicTool']);
const mcpStdio = { ...entries('mcp', 'mcp-transport', ['StdioClientTransport', 'StreamableHTTPClientTransport', 'SSEClientTransport']) };
const childProcess = entries('node', 'child-process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);

const TABLE: Table = {
  '@mastra/core': mastraCore,
  '@mastra/core/agent': entries('mastra', 'agent', ['Agent']),
  '@mastra/core/tools': entries('mastra', 'tool', ['createTool']),
  '@mastra/core/mastra': entries('mastra', 'registry', ['Mastra']),
  '@mastra/memory': entries('mastra', 'memory', ['Memory']),
  '@mastra/mcp': entries('mastra', 'mcp-client', ['MCPClient', 'MCPConfiguration']),
  ai: aiSdk,
  'ai/mcp-stdio': aiSdkStdio,
  '@ai-sdk/mcp': entries('ai-sdk', 'mcp-client', ['createMCPClient', 'experimental_createMCPClient']),
  '@ai-sdk/mcp/mcp-stdio': aiSdkStdio,
  '@openai/agents': openAi,
  '@openai/agents-core': openAi,
  langchain: {
    ...entries('langchain', 'agent', ['createAgent']),
    ...langchainTools,
    ...entries('langchain', 'hitl-middleware', ['humanInTheLoopMiddleware']),
  },
  '@langchain/core/tools': langchainTools,
  '@langchain/langgraph/prebuilt': entries('langchain', 'agent', ['createReactAgent']),
  '@langchain/langgraph': {
    ...entries('langchain', 'checkpointer', ['MemorySaver']),
    ...entries('langchain', 'store', ['InMemoryStore']),
  },
  '@langchain/langgraph-checkpoint': entries('langchain', 'checkpointer', ['MemorySaver']),
  '@langchain/langgraph-checkpoint-postgres': entries('langchain', 'checkpointer', ['PostgresSaver']),
  '@langchain/langgraph-checkpoint-postgres/store': entries('langchain', 'store', ['PostgresStore']),
  '@langchain/langgraph-checkpoint-sqlite': entries('langchain', 'checkpointer', ['SqliteSaver']),
  '@langchain/langgraph-checkpoint-mongodb': entries('langchain', 'checkpointer', ['MongoDBSaver']),
  '@langchain/langgraph-checkpoint-redis': entries('langchain', 'checkpointer', ['RedisSaver']),
  '@langchain/mcp-adapters': entries('langchain', 'mcp-client', ['MultiServerMCPClient']),
  deepagents: entries('langchain', 'agent', ['createDeepAgent']),
  '@modelcontextprotocol/sdk/client/stdio': mcpStdio,
  '@modelcontextprotocol/sdk/client/streamableHttp': mcpStdio,
  '@modelcontextprotocol/sdk/client/sse': mcpStdio,
  '@modelcontextprotocol/client/stdio': mcpStdio,
  '@modelcontextprotocol/client': mcpStdio,
  child_process: childProcess,
  execa: entries('node', 'child-process', ['execa', 'execaSync', 'execaCommand', 'execaCommandSync', '$', 'execaNode']),
  util: entries('node', 'promisify', ['promisify']),
};

/** `@modelcontextprotocol/sdk/client/stdio.js` and `…/stdio` are the same module. */
export function normaliseModule(specifier: string): string {
  return specifier.replace(/\.(c|m)?js$/, '').replace(/^node:/, '');
}

export function lookup(module: string, name: string): CatalogEntry | undefined {
  return TABLE[normaliseModule(module)]?.[name];
}

export function isKnownExport(module: string, name: string): boolean {
  return lookup(module, name) !== undefined;
}

/** Packages whose presence in a file's imports makes the file worth analysing. */
export function isFrameworkModule(module: string): boolean {
  return normaliseModule(module) in TABLE;
}
