#!/usr/bin/env node
// Deterministic generator of realistic agent monorepos for the performance benchmark.
//
//   node scripts/bench/generate.mjs <outDir> <files> [seed]
//
// Writes exactly <files> analysable source files (.ts/.tsx; the two .d.ts shims are extra) plus
// package.json, tsconfig.json (with `paths`) and CODEOWNERS. About 15% of the files are agent code —
// agents of all four frameworks (Mastra, AI SDK, OpenAI Agents, LangChain/LangGraph), tools spread
// over files and re-exported through barrels, helper modules, a validated env module, module-level
// SDK clients built from secrets, memory, MCP servers and route handlers — and the rest is ordinary
// application code (utils, React-ish components, services, hooks, types, config). The same
// (files, seed) always gives byte-identical output.
//
// The framework packages are not installed (there is no node_modules): `tsc` reports their imports
// as missing modules and types them `any`, so it does less work than it would in a real install.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FRAMEWORKS = ['mastra', 'ai-sdk', 'openai-agents', 'langchain'];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = ['billing', 'support', 'sales', 'people', 'itops', 'marketing', 'legal', 'finance', 'research', 'security', 'analytics', 'shipping', 'inventory', 'onboarding', 'compliance', 'procurement', 'recruiting', 'devops', 'content', 'partners', 'payroll', 'travel', 'facilities', 'quality'];
const WORDS = ['account', 'address', 'audit', 'badge', 'banner', 'basket', 'calendar', 'card', 'cart', 'catalog', 'chart', 'checkout', 'comment', 'contact', 'coupon', 'dashboard', 'date', 'dialog', 'discount', 'document', 'draft', 'editor', 'event', 'export', 'feed', 'filter', 'form', 'gallery', 'grid', 'header', 'history', 'invoice', 'label', 'layout', 'ledger', 'list', 'locale', 'map', 'menu', 'message', 'meter', 'modal', 'note', 'order', 'page', 'panel', 'payment', 'picker', 'plan', 'price', 'profile', 'quota', 'rating', 'receipt', 'region', 'report', 'review', 'schedule', 'search', 'session', 'settings', 'shipment', 'sidebar', 'slot', 'stock', 'store', 'summary', 'table', 'tag', 'task', 'team', 'theme', 'ticket', 'timeline', 'toast', 'token', 'upload', 'user', 'vendor', 'wallet', 'widget', 'workspace'];

/** Module-level SDK clients built from secrets: `new Stripe(process.env.X)` and friends. */
const CLIENTS = [
  { name: 'stripe', file: 'stripe', import: "import Stripe from 'stripe';", decl: "export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { apiVersion: '2025-01-27.acacia' });", secret: 'STRIPE_SECRET_KEY', write: (a) => `await stripe.refunds.create({ payment_intent: ${a}, reason: 'requested_by_customer' })`, read: (a) => `await stripe.paymentIntents.retrieve(${a})` },
  { name: 'resend', file: 'resend', import: "import { Resend } from 'resend';", decl: 'export const resend = new Resend(process.env.RESEND_API_KEY);', secret: 'RESEND_API_KEY', write: (a) => `await resend.emails.send({ from: 'ops@acme.example', to: ${a}, subject: 'Update', text: 'See your account.' })`, read: (a) => `await resend.emails.get(${a})` },
  { name: 'slack', file: 'slack', import: "import { WebClient } from '@slack/web-api';", decl: 'export const slack = new WebClient(process.env.SLACK_BOT_TOKEN);', secret: 'SLACK_BOT_TOKEN', write: (a) => `await slack.chat.postMessage({ channel: '#ops', text: String(${a}) })`, read: (a) => `await slack.conversations.history({ channel: String(${a}) })` },
  { name: 'octokit', file: 'github', import: "import { Octokit } from '@octokit/rest';", decl: 'export const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });', secret: 'GITHUB_TOKEN', write: (a) => `await octokit.issues.create({ owner: 'acme', repo: 'platform', title: String(${a}) })`, read: (a) => `await octokit.repos.get({ owner: 'acme', repo: String(${a}) })` },
  { name: 's3', file: 's3', import: "import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';", decl: "export const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' } });", secret: 'AWS_SECRET_ACCESS_KEY', write: (a) => `await s3.send(new PutObjectCommand({ Bucket: 'acme-exports', Key: String(${a}), Body: 'x' }))`, read: (a) => `await s3.send(new GetObjectCommand({ Bucket: 'acme-exports', Key: String(${a}) }))` },
  { name: 'db', file: 'db', import: "import { Pool } from 'pg';", decl: 'export const db = new Pool({ connectionString: process.env.DATABASE_URL });', secret: 'DATABASE_URL', write: (a) => `await db.query('UPDATE accounts SET status = $1 WHERE id = $2', ['closed', ${a}])`, read: (a) => `await db.query('SELECT * FROM accounts WHERE id = $1', [${a}])` },
  { name: 'twilio', file: 'twilio', import: "import twilioSdk from 'twilio';", decl: 'export const twilio = twilioSdk(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);', secret: 'TWILIO_AUTH_TOKEN', write: (a) => `await twilio.messages.create({ to: String(${a}), from: '+15550100', body: 'Your case was updated.' })`, read: (a) => `await twilio.messages(String(${a})).fetch()` },
];

/** Secrets read through the validated env module (`env.X`) and directly (`process.env.X`). */
const ENV_SECRETS = ['ZENDESK_API_TOKEN', 'HUBSPOT_ACCESS_TOKEN', 'LINEAR_API_KEY', 'NOTION_TOKEN', 'PAGERDUTY_TOKEN', 'DATADOG_API_KEY', 'JIRA_API_TOKEN', 'SHOPIFY_ADMIN_TOKEN', 'WORKDAY_CLIENT_SECRET', 'GREENHOUSE_API_KEY'];
const HOSTS = ['api.zendesk.com', 'api.hubapi.com', 'api.linear.app', 'api.notion.com', 'api.pagerduty.com', 'api.datadoghq.com', 'acme.atlassian.net', 'acme.myshopify.com', 'wd5-services.workday.com', 'harvest.greenhouse.io'];
const MCP_SERVERS = [
  { name: 'github', pkg: '@modelcontextprotocol/server-github', env: 'GITHUB_TOKEN' },
  { name: 'filesystem', pkg: '@modelcontextprotocol/server-filesystem', env: undefined },
  { name: 'postgres', pkg: '@modelcontextprotocol/server-postgres', env: 'DATABASE_URL' },
  { name: 'slack', pkg: '@modelcontextprotocol/server-slack', env: 'SLACK_BOT_TOKEN' },
];

const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
const snake = (s) => s.replace(/-/g, '_');

export function generate(outDir, total, seed = 1) {
  const rand = mulberry32(seed * 2654435761 + total);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const chance = (p) => rand() < p;
  const files = new Map();
  const write = (rel, text) => files.set(rel, text);
  const importPath = (fromRel, toRel) => {
    let p = relative(dirname(fromRel), toRel).replace(/\\/g, '/').replace(/\.tsx?$/, '');
    if (!p.startsWith('.')) p = `./${p}`;
    return p;
  };

  // ---- shared agent infrastructure -------------------------------------------------------------
  write('src/env.ts', [
    "import { createEnv } from '@t3-oss/env-core';",
    "import { z } from 'zod';",
    '',
    '/** Validated server environment; every secret the agents use is read through here or a client. */',
    'export const env = createEnv({',
    '  server: {',
    ...ENV_SECRETS.map((s) => `    ${s}: z.string().min(10),`),
    "    OPENAI_API_KEY: z.string().startsWith('sk-'),",
    "    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),",
    '  },',
    '  runtimeEnv: process.env,',
    '});',
    '',
  ].join('\n'));
  for (const c of CLIENTS) {
    write(`src/lib/clients/${c.file}.ts`, `${c.import}\n\n/** Shared ${c.name} client for the whole server. */\n${c.decl}\n`);
  }
  write('src/lib/http.ts', [
    "import { env } from '@/env';",
    '',
    'export interface RequestOptions { method?: string; body?: unknown; token?: string }',
    '',
    'export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {',
    '  const res = await fetch(url, {',
    "    method: options.method ?? 'GET',",
    "    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token ?? ''}` },",
    '    body: options.body === undefined ? undefined : JSON.stringify(options.body),',
    '  });',
    '  if (!res.ok) throw new Error(`${options.method ?? \'GET\'} ${url}: ${res.status}`);',
    '  return (await res.json()) as T;',
    '}',
    '',
    'export function isProduction(): boolean {',
    "  return env.NODE_ENV === 'production';",
    '}',
    '',
  ].join('\n'));
  const sharedCount = files.size;

  // ---- how many files of each kind ---------------------------------------------------------------
  const domainCount = Math.max(2, Math.round((total * 0.15) / 10));
  const domains = [];
  for (let i = 0; i < domainCount; i++) {
    const base = DOMAINS[i % DOMAINS.length];
    const name = i < DOMAINS.length ? base : `${base}${Math.floor(i / DOMAINS.length) + 1}`;
    domains.push({ name, framework: FRAMEWORKS[i % FRAMEWORKS.length], index: i });
  }

  // ---- agent domains ---------------------------------------------------------------------------------
  const mastraAgents = [];
  for (const d of domains) generateDomain(d);

  function toolNames(d, n) {
    const verbs = ['lookup', 'search', 'update', 'refund', 'notify', 'export', 'close', 'assign', 'escalate', 'sync'];
    const nouns = ['account', 'ticket', 'order', 'invoice', 'case', 'contract', 'report', 'customer', 'shipment', 'request'];
    const out = [];
    const taken = new Set();
    while (out.length < n) {
      const id = `${pick(verbs)}-${d.name.replace(/\d+$/, '')}-${pick(nouns)}`;
      if (taken.has(id)) continue;
      taken.add(id);
      out.push(id);
    }
    return out;
  }

  function generateDomain(d) {
    const D = d.name;
    const fw = d.framework;
    const client = CLIENTS[d.index % CLIENTS.length];
    const envSecret = ENV_SECRETS[d.index % ENV_SECRETS.length];
    const host = HOSTS[d.index % HOSTS.length];
    const mcp = MCP_SERVERS[d.index % MCP_SERVERS.length];
    const hasMemory = d.index % 3 !== 2;
    const declared = d.index % 4 !== 3;
    const toolFileCount = 3;
    const ids = toolNames(d, toolFileCount * 2);
    const tools = ids.map((id, i) => ({ id, varName: `${camel(id)}Tool`, file: `src/tools/${D}/${D}-tools-${Math.floor(i / 2) + 1}.ts`, privileged: i % 2 === 1, memoryRead: hasMemory && i === 3 }));
    const apiFile = `src/lib/${D}/${D}-api.ts`;
    const repoFile = `src/lib/${D}/${D}-repo.ts`;
    const agentFile = `src/agents/${D}/${D}-agent.ts`;
    const promptsFile = `src/agents/${D}/prompts.ts`;
    const schemasFile = `src/agents/${D}/schemas.ts`;
    const infraFile = `src/agents/${D}/${fw === 'openai-agents' || fw === 'ai-sdk' ? 'mcp' : hasMemory ? 'memory' : 'mcp'}.ts`;
    const routeFile = `src/app/api/${D}/route.ts`;
    const barrel = `src/tools/${D}/index.ts`;
    d.agentFile = agentFile;
    d.toolFile = tools[1].file;

    // Helper modules: a REST API helper (secret from the env module, write methods) and a repository.
    write(apiFile, [
      "import { env } from '@/env';",
      "import { apiRequest } from '@/lib/http';",
      '',
      `const BASE_URL = 'https://${host}/v2';`,
      '',
      `export interface ${pascal(D)}Record { id: string; status: string; owner: string; updatedAt: string }`,
      '',
      `export async function get${pascal(D)}Record(id: string): Promise<${pascal(D)}Record> {`,
      `  return apiRequest<${pascal(D)}Record>(\`\${BASE_URL}/records/\${encodeURIComponent(id)}\`, { token: env.${envSecret} });`,
      '}',
      '',
      `export async function update${pascal(D)}Record(id: string, patch: Partial<${pascal(D)}Record>): Promise<${pascal(D)}Record> {`,
      `  return apiRequest<${pascal(D)}Record>(\`\${BASE_URL}/records/\${encodeURIComponent(id)}\`, { method: 'PATCH', body: patch, token: env.${envSecret} });`,
      '}',
      '',
      `export async function search${pascal(D)}Records(query: string, limit = 10): Promise<${pascal(D)}Record[]> {`,
      `  const page = await apiRequest<{ results: ${pascal(D)}Record[] }>(\`\${BASE_URL}/search?q=\${encodeURIComponent(query)}&limit=\${limit}\`, { token: env.${envSecret} });`,
      '  return page.results.filter((r) => r.status !== \'archived\');',
      '}',
      '',
    ].join('\n'));
    write(repoFile, [
      ...(client.name === 'db' ? [] : [`import { ${client.name} } from '@/lib/clients/${client.file}';`]),
      ...(client.name === 's3' ? ["import { PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';"] : []),
      "import { db } from '@/lib/clients/db';",
      '',
      `export async function record${pascal(D)}Action(actor: string, action: string, target: string): Promise<void> {`,
      "  await db.query('INSERT INTO audit_log (actor, action, target) VALUES ($1, $2, $3)', [actor, action, target]);",
      '}',
      '',
      `export async function apply${pascal(D)}Change(target: string): Promise<unknown> {`,
      `  const result = ${client.write('target')};`,
      `  await record${pascal(D)}Action('agent', 'apply', target);`,
      '  return result;',
      '}',
      '',
      `export async function read${pascal(D)}State(target: string): Promise<unknown> {`,
      `  return ${client.read('target')};`,
      '}',
      '',
    ].join('\n'));

    // Prompts and schemas: ordinary modules the agent imports.
    write(promptsFile, [
      `export const ${snake(D).toUpperCase()}_INSTRUCTIONS = [`,
      `  'You are the ${D} assistant for Acme.',`,
      "  'Look records up before changing them and explain every change you make.',",
      "  'Never change more than one record per request without confirmation.',",
      "].join('\\n');",
      '',
      `export const ${snake(D).toUpperCase()}_ESCALATION = 'Hand over to a person when the customer asks for one.';`,
      '',
    ].join('\n'));
    write(schemasFile, [
      "import { z } from 'zod';",
      '',
      `export const ${camel(D)}Id = z.string().min(4).max(64);`,
      `export const ${camel(D)}Patch = z.object({ status: z.enum(['open', 'pending', 'closed']).optional(), owner: z.string().optional() });`,
      `export type ${pascal(D)}Patch = z.infer<typeof ${camel(D)}Patch>;`,
      '',
    ].join('\n'));

    // Tools, two per file, of the domain's framework.
    for (let f = 0; f < toolFileCount; f++) {
      const file = tools[f * 2].file;
      const own = tools.slice(f * 2, f * 2 + 2);
      const lines = [];
      if (fw === 'mastra') lines.push("import { createTool } from '@mastra/core/tools';");
      if (fw === 'ai-sdk') lines.push("import { tool } from 'ai';");
      if (fw === 'openai-agents') lines.push("import { tool } from '@openai/agents';");
      if (fw === 'langchain') lines.push("import { tool } from '@langchain/core/tools';", "import { getStore } from '@langchain/langgraph';");
      lines.push("import { z } from 'zod';");
      lines.push(`import { get${pascal(D)}Record, update${pascal(D)}Record, search${pascal(D)}Records } from '${importPath(file, apiFile)}';`);
      lines.push(`import { apply${pascal(D)}Change, record${pascal(D)}Action } from '@/lib/${D}/${D}-repo';`);
      lines.push(`import { ${camel(D)}Id } from '@/agents/${D}/schemas';`);
      lines.push('');
      for (const t of own) {
        const secretLine = t.privileged ? `const token = process.env.${f === 0 ? pick(['STRIPE_RESTRICTED_KEY', 'SUPPORT_SERVICE_TOKEN', 'CRM_WRITE_TOKEN']) : `${snake(D).toUpperCase()}_SERVICE_TOKEN`};` : '';
        const body = t.privileged
          ? [
              secretLine,
              `const before = await get${pascal(D)}Record(input.id);`,
              `await update${pascal(D)}Record(input.id, { status: 'pending', owner: String(token ? 'agent' : 'system') });`,
              `const applied = await apply${pascal(D)}Change(before.id);`,
              `await record${pascal(D)}Action('agent', '${t.id}', input.id);`,
              'return { ok: true, id: before.id, applied };',
            ]
          : [
              `const hits = await search${pascal(D)}Records(input.query, 5);`,
              `const first = hits[0] ? await get${pascal(D)}Record(hits[0].id) : undefined;`,
              'return { count: hits.length, first };',
            ];
        const schema = t.privileged ? `z.object({ id: ${camel(D)}Id, reason: z.string().max(200) })` : 'z.object({ query: z.string().min(2) })';
        const doc = `/** ${t.privileged ? 'Changes' : 'Looks up'} ${D} records (${t.id}). */`;
        if (fw === 'mastra') {
          const mem = t.memoryRead ? ["const recent = ctx?.agent?.messages ?? [];", "await record" + pascal(D) + "Action('agent', 'context', JSON.stringify(recent.slice(-1)));"] : [];
          lines.push(doc, `export const ${t.varName} = createTool({`, `  id: '${t.id}',`, `  description: '${t.privileged ? 'Change' : 'Find'} ${D} records',`, `  inputSchema: ${schema},`, ...(t.privileged && chance(0.5) ? ['  requireApproval: true,'] : []), `  execute: async (input, ctx) => {`, ...mem.map((l) => `    ${l}`), ...body.map((l) => `    ${l}`), '  },', '});', '');
        } else if (fw === 'ai-sdk') {
          lines.push(doc, `export const ${t.varName} = tool({`, `  description: '${t.privileged ? 'Change' : 'Find'} ${D} records',`, `  inputSchema: ${schema},`, `  execute: async (input) => {`, ...body.map((l) => `    ${l}`), '  },', '});', '');
        } else if (fw === 'openai-agents') {
          lines.push(doc, `export const ${t.varName} = tool({`, `  name: '${snake(t.id)}',`, `  description: '${t.privileged ? 'Change' : 'Find'} ${D} records',`, `  parameters: ${schema},`, ...(t.privileged && chance(0.5) ? ['  needsApproval: true,'] : []), `  execute: async (input) => {`, ...body.map((l) => `    ${l}`), '  },', '});', '');
        } else {
          const mem = t.memoryRead ? ["const prefs = await getStore()?.search(['users', input.id], { query: 'preferences' });", `await record${pascal(D)}Action('agent', 'prefs', JSON.stringify(prefs ?? []));`] : [];
          lines.push(doc, `export const ${t.varName} = tool(`, '  async (input) => {', ...mem.map((l) => `    ${l}`), ...body.map((l) => `    ${l}`), '  },', `  { name: '${snake(t.id)}', description: '${t.privileged ? 'Change' : 'Find'} ${D} records', schema: ${schema} },`, ');', '');
        }
      }
      write(file, lines.join('\n'));
    }
    // Barrel: `export *` from the first files, a named re-export from the last.
    write(barrel, [
      `export * from './${D}-tools-1';`,
      `export * from './${D}-tools-2';`,
      `export { ${tools[4].varName}, ${tools[5].varName} } from './${D}-tools-3';`,
      '',
    ].join('\n'));

    // Memory / MCP infrastructure of the domain.
    const mcpEnv = mcp.env ? (d.index % 8 === 5 ? 'env: { ...process.env } as Record<string, string>,' : `env: { ${mcp.env}: process.env.${mcp.env} ?? '' },`) : '';
    if (infraFile.endsWith('memory.ts')) {
      if (fw === 'mastra') {
        write(infraFile, [
          "import { Memory } from '@mastra/memory';",
          "import { LibSQLStore, LibSQLVector } from '@mastra/libsql';",
          '',
          `export const ${camel(D)}Memory = new Memory({`,
          `  storage: new LibSQLStore({ id: '${D}-memory', url: 'file:./${D}.db' }),`,
          `  vector: new LibSQLVector({ id: '${D}-vectors', url: 'file:./${D}.db' }),`,
          `  options: { lastMessages: ${int(5, 20)}, semanticRecall: { topK: 3, messageRange: 1, scope: 'resource' }, workingMemory: { enabled: true } },`,
          '});',
          '',
        ].join('\n'));
      } else {
        write(infraFile, [
          "import { MemorySaver, InMemoryStore } from '@langchain/langgraph';",
          '',
          `export const ${camel(D)}Checkpointer = new MemorySaver();`,
          `export const ${camel(D)}Store = new InMemoryStore();`,
          '',
        ].join('\n'));
      }
    } else if (fw === 'mastra') {
      write(infraFile, ["import { MCPClient } from '@mastra/mcp';", '', `export const ${camel(D)}Mcp = new MCPClient({`, '  servers: {', `    ${mcp.name}: { command: 'npx', args: ['-y', '${mcp.pkg}'], ${mcpEnv} },`, '  },', '});', ''].join('\n'));
    } else if (fw === 'ai-sdk') {
      write(infraFile, ["import { createMCPClient } from '@ai-sdk/mcp';", "import { StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';", '', `export const ${camel(D)}Mcp = await createMCPClient({`, `  transport: new StdioMCPTransport({ command: 'npx', args: ['-y', '${mcp.pkg}'], ${mcpEnv} }),`, '});', ''].join('\n'));
    } else if (fw === 'openai-agents') {
      write(infraFile, ["import { MCPServerStdio } from '@openai/agents';", '', `export const ${camel(D)}Mcp = new MCPServerStdio({`, `  name: '${mcp.name}',`, `  command: 'npx',`, `  args: ['-y', '${mcp.pkg}'],`, `  ${mcpEnv}`, '});', ''].join('\n'));
    } else {
      write(infraFile, ["import { MultiServerMCPClient } from '@langchain/mcp-adapters';", '', `export const ${camel(D)}Mcp = new MultiServerMCPClient({`, '  mcpServers: {', `    ${mcp.name}: { transport: 'stdio', command: 'npx', args: ['-y', '${mcp.pkg}'], ${mcpEnv} },`, '  },', '});', ''].join('\n'));
    }

    // The agent.
    const identity = `${D}-assistant`;
    const used = tools.slice(0, 5); // the sixth tool is defined but given to no agent
    const declaredTools = fw === 'openai-agents' || fw === 'langchain' ? used.map((t) => snake(t.id)) : used.map((t) => (fw === 'mastra' ? t.id : t.varName));
    const secrets = [client.secret, envSecret, 'DATABASE_URL'].filter((s, i, a) => a.indexOf(s) === i);
    const memoryKinds = !hasMemory ? 'none' : fw === 'mastra' ? 'thread, semantic, working' : fw === 'langchain' ? 'checkpoint, store' : 'thread';
    const doc = declared
      ? ['/**', ` * @agentIdentity ${identity}`, ` * @owner team-${D}`, ` * @purpose Handles ${D} requests for Acme customers and staff.`, ` * @tools ${declaredTools.join(', ')}`, ` * @secrets ${secrets.join(', ')}`, ` * @memory ${memoryKinds}`, ' * @review 90d', ' */']
      : [];
    const varName = `${camel(D)}Agent`;
    const toolImports = `import { ${used.map((t) => t.varName).join(', ')} } from '@/tools/${D}';`;
    const A = [];
    if (fw === 'mastra') {
      mastraAgents.push({ varName, file: agentFile });
      A.push("import { Agent } from '@mastra/core/agent';", toolImports, `import { ${snake(D).toUpperCase()}_INSTRUCTIONS } from './prompts';`);
      if (hasMemory) A.push(`import { ${camel(D)}Memory } from './memory';`);
      A.push('', ...doc, `export const ${varName} = new Agent({`, `  id: '${identity}',`, `  name: '${pascal(D)} Assistant',`, `  instructions: ${snake(D).toUpperCase()}_INSTRUCTIONS,`, "  model: 'openai/gpt-4.1',", '  tools: {', ...used.map((t) => `    ${t.varName},`), '  },');
      if (hasMemory) A.push(`  memory: ${camel(D)}Memory,`);
      A.push('  defaultOptions: { maxSteps: 8 },', '});', '');
    } else if (fw === 'ai-sdk') {
      A.push("import { ToolLoopAgent, stepCountIs } from 'ai';", toolImports, `import { ${snake(D).toUpperCase()}_INSTRUCTIONS } from './prompts';`, '', ...doc, `export const ${varName} = new ToolLoopAgent({`, `  id: '${identity}',`, "  model: 'openai/gpt-4.1',", `  instructions: ${snake(D).toUpperCase()}_INSTRUCTIONS,`, '  tools: {', ...used.map((t) => `    ${t.varName},`), '  },', `  toolApproval: { ${used[1].varName}: 'user-approval' },`, '  stopWhen: stepCountIs(10),', '});', '');
    } else if (fw === 'openai-agents') {
      A.push("import { Agent, handoff } from '@openai/agents';", toolImports, `import { ${camel(D)}Mcp } from './mcp';`, `import { ${snake(D).toUpperCase()}_INSTRUCTIONS, ${snake(D).toUpperCase()}_ESCALATION } from './prompts';`, '');
      A.push(`const ${camel(D)}Escalation = new Agent({`, `  name: '${pascal(D)} Escalation',`, `  instructions: ${snake(D).toUpperCase()}_ESCALATION,`, "  model: 'gpt-4.1-mini',", '});', '');
      A.push(...doc.map((l) => (l.startsWith(' * @review') ? ` * @delegates ${pascal(D)} Escalation\n${l}` : l)), `export const ${varName} = new Agent({`, `  name: '${pascal(D)} Assistant',`, `  instructions: ${snake(D).toUpperCase()}_INSTRUCTIONS,`, "  model: 'gpt-4.1',", '  tools: [', ...used.map((t) => `    ${t.varName},`), '  ],', `  handoffs: [handoff(${camel(D)}Escalation)],`, `  mcpServers: [${camel(D)}Mcp],`, '});', '');
    } else {
      A.push("import { createAgent, humanInTheLoopMiddleware } from 'langchain';", toolImports, `import { ${snake(D).toUpperCase()}_INSTRUCTIONS } from './prompts';`);
      if (hasMemory) A.push(`import { ${camel(D)}Checkpointer, ${camel(D)}Store } from './memory';`);
      else A.push(`import { ${camel(D)}Mcp } from './mcp';`);
      A.push('', ...doc, `export const ${varName} = createAgent({`, "  model: 'openai:gpt-4.1',", `  name: '${snake(identity)}',`, `  systemPrompt: ${snake(D).toUpperCase()}_INSTRUCTIONS,`, '  tools: [', ...used.map((t) => `    ${t.varName},`), ...(hasMemory ? [] : [`    ...(await ${camel(D)}Mcp.getTools()),`]), '  ],', `  middleware: [humanInTheLoopMiddleware({ interruptOn: { ${snake(used[1].id)}: true } })],`);
      if (hasMemory) A.push(`  checkpointer: ${camel(D)}Checkpointer,`, `  store: ${camel(D)}Store,`);
      A.push('});', '');
    }
    write(agentFile, A.join('\n'));

    // Route handler calling the agent (AI SDK: a generateText call with tools is itself an agent).
    const R = [];
    if (fw === 'ai-sdk') {
      R.push("import { generateText } from 'ai';", `import { ${varName} } from '@/agents/${D}/${D}-agent';`, `import { ${camel(D)}Mcp } from '@/agents/${D}/mcp';`, `import { ${used[0].varName} } from '@/tools/${D}';`, '');
      if (declared) R.push('/**', ` * @agentIdentity ${D}-quick-answer`, ` * @owner team-${D}`, ` * @tools ${used[0].varName}, mcp:${mcp.name}`, ` * @secrets ${[...new Set([envSecret, ...(mcp.env ? [mcp.env] : [])])].join(', ')}`, ' * @memory none', ' */');
      R.push('export async function POST(req: Request): Promise<Response> {', '  const { prompt, mode } = (await req.json()) as { prompt: string; mode?: string };', `  if (mode === 'agent') {`, `    const result = await ${varName}.generate({ prompt });`, '    return Response.json({ text: result.text });', '  }', `  const mcpTools = await ${camel(D)}Mcp.tools();`, '  const { text } = await generateText({', "    model: 'openai/gpt-4.1-mini',", '    prompt,', `    tools: { ${used[0].varName}, ...mcpTools },`, '  });', '  return Response.json({ text });', '}', '');
    } else if (fw === 'openai-agents') {
      R.push("import { run, MemorySession } from '@openai/agents';", `import { ${varName} } from '@/agents/${D}/${D}-agent';`, '', 'const sessions = new Map<string, MemorySession>();', '', 'export async function POST(req: Request): Promise<Response> {', '  const { prompt, conversationId } = (await req.json()) as { prompt: string; conversationId: string };', '  let session = sessions.get(conversationId);', '  if (!session) {', '    session = new MemorySession();', '    sessions.set(conversationId, session);', '  }', `  const result = await run(${varName}, prompt, { session });`, '  return Response.json({ text: result.finalOutput });', '}', '');
    } else if (fw === 'mastra') {
      R.push(`import { ${varName} } from '@/agents/${D}/${D}-agent';`, '', 'export async function POST(req: Request): Promise<Response> {', '  const { prompt, userId, threadId } = (await req.json()) as { prompt: string; userId: string; threadId: string };', `  const result = await ${varName}.generate(prompt, { memory: { thread: threadId, resource: userId } });`, '  return Response.json({ text: result.text });', '}', '');
    } else {
      R.push(`import { ${varName} } from '@/agents/${D}/${D}-agent';`, '', 'export async function POST(req: Request): Promise<Response> {', '  const { prompt, threadId } = (await req.json()) as { prompt: string; threadId: string };', `  const result = await ${varName}.invoke({ messages: [{ role: 'user', content: prompt }] }, { configurable: { thread_id: threadId } });`, '  return Response.json({ messages: result.messages });', '}', '');
    }
    write(routeFile, R.join('\n'));
  }

  if (mastraAgents.length) {
    write('src/mastra/index.ts', [
      "import { Mastra } from '@mastra/core';",
      ...mastraAgents.map((a) => `import { ${a.varName} } from '${importPath('src/mastra/index.ts', a.file)}';`),
      '',
      `export const mastra = new Mastra({ agents: { ${mastraAgents.map((a) => a.varName).join(', ')} } });`,
      '',
    ].join('\n'));
  }

  // ---- ordinary application code: the majority -------------------------------------------------------
  const agentFiles = files.size - sharedCount;
  const ordinaryCount = total - files.size;
  if (ordinaryCount < 0) throw new Error(`${total} files is too few for ${domainCount} agent domains`);
  const kinds = [
    { kind: 'util', weight: 25, dir: 'src/utils', ext: 'ts' },
    { kind: 'component', weight: 28, dir: 'src/components', ext: 'tsx' },
    { kind: 'service', weight: 15, dir: 'src/services', ext: 'ts' },
    { kind: 'types', weight: 14, dir: 'src/types', ext: 'ts' },
    { kind: 'hook', weight: 10, dir: 'src/hooks', ext: 'ts' },
    { kind: 'config', weight: 8, dir: 'src/config', ext: 'ts' },
  ];
  const totalWeight = kinds.reduce((s, k) => s + k.weight, 0);
  const ordinary = [];
  for (let i = 0; i < ordinaryCount; i++) {
    let r = rand() * totalWeight;
    const k = kinds.find((x) => (r -= x.weight) < 0) ?? kinds[0];
    const word = WORDS[i % WORDS.length];
    const group = `g${Math.floor(i / 40)}`;
    const base = k.kind === 'hook' ? `use-${word}-${i}` : `${word}-${k.kind}-${i}`;
    ordinary.push({ ...k, word, i, rel: `${k.dir}/${group}/${base}.${k.ext}`, ident: camel(`${word}-${i}`), type: pascal(`${word}-${i}`) });
  }
  const done = Object.fromEntries(kinds.map((k) => [k.kind, []]));
  const spec = (from, to) => (chance(0.6) ? `@/${to.rel.slice(4).replace(/\.tsx?$/, '')}` : importPath(from.rel, to.rel));

  for (const o of ordinary) {
    const L = [];
    const imports = [];
    const earlier = (kind) => {
      const list = done[kind];
      return list.length ? list[list.length - 1 - Math.floor(rand() * Math.min(list.length, 60))] : undefined;
    };
    const T = o.type;
    if (o.kind === 'types') {
      const other = earlier('types');
      if (other) imports.push(`import type { ${other.type} } from '${spec(o, other)}';`);
      L.push(`export type ${T}Status = 'draft' | 'active' | 'archived' | 'deleted';`, '');
      L.push(`export interface ${T} {`, '  id: string;', `  status: ${T}Status;`, '  createdAt: string;', '  updatedAt: string;');
      for (let f = 0; f < int(6, 16); f++) L.push(`  ${pick(WORDS)}${f}: ${pick(['string', 'number', 'boolean', 'string[]', 'Record<string, number>', 'Date | null'])};`);
      if (other) L.push(`  related?: ${other.type};`);
      L.push('}', '');
      L.push(`export interface ${T}Page { items: ${T}[]; cursor?: string; total: number }`, '');
      L.push(`export type ${T}Patch = Partial<Omit<${T}, 'id' | 'createdAt'>>;`, '');
      for (let f = 0; f < int(2, 6); f++) L.push(`export interface ${T}Event${f} { type: '${o.word}.${f}'; at: string; payload: ${T}Patch }`, '');
    } else if (o.kind === 'util') {
      const other = earlier('util');
      const types = earlier('types');
      if (other) imports.push(`import { ${other.ident}Format } from '${spec(o, other)}';`);
      if (types) imports.push(`import type { ${types.type} } from '${spec(o, types)}';`);
      L.push(`export function ${o.ident}Format(value: number, locale = 'en-US'): string {`, "  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);", '}', '');
      for (let f = 0; f < int(5, 14); f++) {
        const n = `${o.ident}${pascal(pick(WORDS))}${f}`;
        const shape = f % 4;
        if (shape === 0) L.push(`export function ${n}(items: string[], size = ${int(2, 9)}): string[][] {`, '  const out: string[][] = [];', '  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));', '  return out;', '}', '');
        else if (shape === 1) L.push(`export function ${n}(input: string): string {`, `  const trimmed = input.trim().toLowerCase();`, `  return trimmed.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')${other ? ` + ${other.ident}Format(trimmed.length)` : ''};`, '}', '');
        else if (shape === 2) L.push(`export function ${n}<T extends { id: string }>(rows: T[]): Map<string, T> {`, '  const map = new Map<string, T>();', '  for (const row of rows) if (!map.has(row.id)) map.set(row.id, row);', '  return map;', '}', '');
        else if (f % 8 === 3) L.push(`export function ${n}(status: string, attempts: number): { label: string; retry: boolean; delayMs: number } {`, '  switch (status) {', "    case 'active':", "      return { label: 'Active', retry: false, delayMs: 0 };", "    case 'pending':", `      return { label: 'Pending', retry: attempts < ${int(2, 6)}, delayMs: Math.min(2 ** attempts * 100, ${int(5, 60)}000) };`, "    case 'failed':", "      return { label: 'Failed', retry: attempts < 3, delayMs: 1000 * attempts };", "    case 'archived':", "      return { label: 'Archived', retry: false, delayMs: 0 };", '    default:', "      return { label: status.charAt(0).toUpperCase() + status.slice(1), retry: false, delayMs: 0 };", '  }', '}', '');
        else L.push(`export const ${n} = (a: number, b: number): number => {`, '  if (Number.isNaN(a) || Number.isNaN(b)) return 0;', `  return Math.round((a / Math.max(b, 1)) * ${int(10, 1000)}) / ${int(10, 1000)};`, '};', '');
      }
      if (types) L.push(`export function ${o.ident}Describe(item: ${types.type}): string {`, '  return `${item.id} (${item.status}) updated ${item.updatedAt}`;', '}', '');
    } else if (o.kind === 'config') {
      L.push(`export const ${o.ident.toUpperCase()}_CONFIG = {`, `  apiBase: process.env.NEXT_PUBLIC_API_BASE ?? 'https://app.acme.example/api',`, `  pageSize: ${int(10, 100)},`, `  retries: ${int(0, 5)},`, `  features: { ${pick(WORDS)}A: ${chance(0.5)}, ${pick(WORDS)}B: ${chance(0.5)} },`, '} as const;', '');
      L.push(`export type ${T}Config = typeof ${o.ident.toUpperCase()}_CONFIG;`, '');
      L.push(`export function ${o.ident}Url(path: string): string {`, `  return \`\${${o.ident.toUpperCase()}_CONFIG.apiBase}/\${path.replace(/^\\//, '')}\`;`, '}', '');
    } else if (o.kind === 'service') {
      const types = earlier('types');
      const util = earlier('util');
      const config = earlier('config');
      const TT = types ? types.type : `${T}Dto`;
      if (types) imports.push(`import type { ${types.type}, ${types.type}Page, ${types.type}Patch } from '${spec(o, types)}';`);
      else L.push(`interface ${TT} { id: string; status: string; updatedAt: string }`, `interface ${TT}Page { items: ${TT}[]; total: number }`, `type ${TT}Patch = Partial<${TT}>;`, '');
      if (util) imports.push(`import { ${util.ident}Format } from '${spec(o, util)}';`);
      if (config) imports.push(`import { ${config.ident}Url } from '${spec(o, config)}';`);
      const url = config ? `${config.ident}Url('${o.word}s')` : `'/api/${o.word}s'`;
      L.push(`export class ${T}Service {`, '  private readonly cache = new Map<string, { at: number; value: unknown }>();', '', `  constructor(private readonly baseUrl: string = ${url}) {}`, '');
      L.push(`  async list(cursor?: string): Promise<${TT}Page> {`, '    const res = await fetch(`${this.baseUrl}?cursor=${cursor ?? \'\'}`);', `    if (!res.ok) throw new Error('list ${o.word}: ' + res.status);`, `    return (await res.json()) as ${TT}Page;`, '  }', '');
      L.push(`  async get(id: string): Promise<${TT} | undefined> {`, '    const hit = this.cache.get(id);', `    if (hit && Date.now() - hit.at < ${int(1, 60)} * 1000) return hit.value as ${TT};`, '    const res = await fetch(`${this.baseUrl}/${id}`);', '    if (res.status === 404) return undefined;', `    const value = (await res.json()) as ${TT};`, '    this.cache.set(id, { at: Date.now(), value });', '    return value;', '  }', '');
      for (let f = 0; f < int(2, 6); f++) L.push(`  async action${f}(id: string, patch: ${TT}Patch): Promise<${TT}> {`, `    const res = await fetch(\`\${this.baseUrl}/\${id}/action${f}\`, { method: 'POST', body: JSON.stringify(patch) });`, `    return (await res.json()) as ${TT};`, '  }', '');
      if (util) L.push('  describe(total: number): string {', `    return ${util.ident}Format(total) + ' ${o.word}s';`, '  }');
      L.push('}', '', `export const ${o.ident}Service = new ${T}Service();`, '');
    } else if (o.kind === 'hook') {
      const service = earlier('service');
      if (service) imports.push(`import { ${service.ident}Service } from '${spec(o, service)}';`);
      L.push(`export interface ${T}State { loading: boolean; error?: string; data?: unknown }`, '');
      L.push(`export function use${T}(id: string | undefined, refresh = ${int(1000, 30000)}): ${T}State {`, `  const state: ${T}State = { loading: !!id };`, '  if (!id) return state;');
      if (service) L.push(`  void ${service.ident}Service.get(id).then((data) => { state.data = data; state.loading = false; }, (e: Error) => { state.error = e.message; });`);
      L.push('  if (refresh < 0) state.error = \'invalid refresh\';', '  return state;', '}', '');
      L.push(`export type ${T}Action = { type: 'load' } | { type: 'loaded'; data: unknown } | { type: 'failed'; error: string } | { type: 'reset' };`, '');
      L.push(`export function ${o.ident}Reducer(state: ${T}State, action: ${T}Action): ${T}State {`, '  switch (action.type) {', "    case 'load':", '      return { ...state, loading: true, error: undefined };', "    case 'loaded':", '      return { loading: false, data: action.data };', "    case 'failed':", '      return { ...state, loading: false, error: action.error };', "    case 'reset':", '      return { loading: false };', '    default:', '      return state;', '  }', '}', '');
    } else {
      const util = earlier('util');
      const child = earlier('component');
      const hook = earlier('hook');
      const types = earlier('types');
      if (util) imports.push(`import { ${util.ident}Format } from '${spec(o, util)}';`);
      if (child) imports.push(`import { ${child.type} } from '${spec(o, child)}';`);
      if (hook) imports.push(`import { use${hook.type} } from '${spec(o, hook)}';`);
      if (types) imports.push(`import type { ${types.type} } from '${spec(o, types)}';`);
      L.push(`export interface ${T}Props {`, '  title: string;', '  count: number;', `  items?: ${types ? types.type : 'string'}[];`, '  onSelect?: (id: string) => void;', '}', '');
      L.push(`export function ${T}({ title, count, items = [], onSelect }: ${T}Props) {`);
      if (hook) L.push(`  const state = use${hook.type}(items.length ? String(count) : undefined);`);
      L.push(`  const label = ${util ? `${util.ident}Format(count)` : 'String(count)'};`, '  return (', `    <section className="${o.word}-panel">`, '      <header>', '        <h2>{title}</h2>', `        <span className="badge">{label}</span>`, '      </header>');
      L.push('      <ul>', `        {items.map((item, i) => (`, `          <li key={i} onClick={() => onSelect?.(String(i))}>{${types ? 'item.id' : 'item'}}</li>`, '        ))}', '      </ul>');
      if (child) L.push(`      <${child.type} title={title + ' details'} count={count - 1} />`);
      if (hook) L.push("      {state.loading ? <p>Loading…</p> : null}");
      L.push('    </section>', '  );', '}', '');
      L.push(`export function ${T}Table({ rows, sortBy = 'id' }: { rows: { id: string; name: string; total: number }[]; sortBy?: 'id' | 'name' | 'total' }) {`, '  const sorted = [...rows].sort((a, b) => (a[sortBy] < b[sortBy] ? -1 : a[sortBy] > b[sortBy] ? 1 : 0));', '  const sum = sorted.reduce((s, r) => s + r.total, 0);', '  return (', `    <table className="${o.word}-table">`, '      <thead>', '        <tr><th>Id</th><th>Name</th><th>Total</th></tr>', '      </thead>', '      <tbody>', '        {sorted.map((r) => (', '          <tr key={r.id}><td>{r.id}</td><td>{r.name}</td><td>{r.total.toFixed(2)}</td></tr>', '        ))}', '      </tbody>', '      <tfoot><tr><td colSpan={2}>Total</td><td>{sum.toFixed(2)}</td></tr></tfoot>', '    </table>', '  );', '}', '');
      for (let f = 0; f < int(1, 5); f++) L.push(`export function ${T}Row${f}({ label }: { label: string }) {`, `  return <div className="${o.word}-row-${f}">{label.toUpperCase()}</div>;`, '}', '');
    }
    write(o.rel, [...imports, ...(imports.length ? [''] : []), ...L].join('\n'));
    done[o.kind].push(o);
  }

  // ---- project files -----------------------------------------------------------------------------------
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const extras = new Map([
    ['package.json', `${JSON.stringify({
      name: `bench-agents-${total}`,
      private: true,
      type: 'module',
      dependencies: {
        '@mastra/core': '1.71.0', '@mastra/memory': '1.31.0', '@mastra/mcp': '2.0.0', '@mastra/libsql': '1.0.0', ai: '7.0.173', '@ai-sdk/mcp': '2.0.99',
        '@openai/agents': '0.20.0', langchain: '1.5.14', '@langchain/core': '1.4.0', '@langchain/langgraph': '1.7.3', '@langchain/mcp-adapters': '1.1.4',
        '@t3-oss/env-core': '0.13.0', zod: '4.1.12', stripe: '18.0.0', resend: '4.0.0', '@slack/web-api': '7.0.0', '@octokit/rest': '21.0.0', '@aws-sdk/client-s3': '3.700.0', pg: '8.13.0', twilio: '5.0.0',
      },
    }, null, 2)}\n`],
    ['tsconfig.json', `${JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], jsx: 'preserve', strict: true, noEmit: true, skipLibCheck: true, types: [],
        paths: { '@/*': ['./src/*'] },
      },
      include: ['src'],
    }, null, 2)}\n`],
    ['CODEOWNERS', ['* @acme/platform', ...domains.map((d) => `src/agents/${d.name}/ @acme/${d.name}`)].join('\n') + '\n'],
    // No @types/node or React here: minimal ambient shims so that tsc checks the code, not the void.
    ['src/types/globals.d.ts', 'declare const process: { env: Record<string, string | undefined>; argv: string[] };\ndeclare namespace JSX {\n  interface IntrinsicElements { [name: string]: Record<string, unknown> }\n  interface Element {}\n}\n'],
  ]);
  for (const [rel, text] of [...files, ...extras]) {
    const full = join(outDir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  const manifest = {
    files: files.size,
    agentCodeFiles: agentFiles + sharedCount,
    ordinaryFiles: ordinaryCount,
    domains: domains.map((d) => ({ name: d.name, framework: d.framework, agentFile: d.agentFile, toolFile: d.toolFile })),
  };
  writeFileSync(join(outDir, 'bench-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, n, seed] = process.argv.slice(2);
  if (!out || !n) {
    console.error('usage: node scripts/bench/generate.mjs <outDir> <files> [seed]');
    process.exit(2);
  }
  const m = generate(out, Number(n), seed ? Number(seed) : 1);
  console.log(`${out}: ${m.files} source files (${m.agentCodeFiles} agent code, ${m.ordinaryFiles} ordinary), ${m.domains.length} agent domains`);
}
