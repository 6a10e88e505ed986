import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import { ts } from '../../server/src/engine/ts';
import type { Finding, Fix, TextEdit } from '../../server/src/model/types';

/**
 * Quick fixes, applied the way an editor applies them: take the fix's text edits, apply them to the
 * files, analyse again. For each fix: the finding it was offered for is gone, nothing outside the
 * edited ranges changed, the file still parses, and the new analysis offers no second fix for that spot.
 */

type Files = Record<string, string>;

function workspace(files: Files): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-fix-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

function analyse(root: string): Finding[] {
  return new Engine({ root, today: () => '2026-12-04' }).analyze().findings;
}

function readAll(root: string, files: Files): Files {
  return Object.fromEntries(Object.keys(files).map((name) => [name, fs.readFileSync(path.join(root, name), 'utf8')]));
}

/** Applies edits to one file's text, refusing overlapping or out-of-range edits. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].end <= sorted[i - 1].start, 'edits do not overlap');
  let out = text;
  for (const e of sorted) {
    assert.ok(e.start >= 0 && e.end >= e.start && e.end <= out.length, 'edit is inside the file');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

/** Where an offset of the old text is in the new text. */
function mapOffset(offset: number, edits: TextEdit[]): number {
  let shift = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) shift += e.newText.length - (e.end - e.start);
    else if (e.start < offset && offset < e.end) return e.start + shift;
  }
  return offset + shift;
}

function parseErrors(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const diagnostics = (sf as unknown as { parseDiagnostics: { messageText: string | { messageText: string } }[] }).parseDiagnostics;
  return diagnostics.map((d) => (typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText));
}

interface Applied {
  root: string;
  before: Files;
  after: Files;
  finding: Finding;
  fix: Fix;
  findingsAfter: Finding[];
  /** The finding's spot in the edited file. */
  spot: { file: string; start: number; end: number };
}

/**
 * Finds the fix whose title matches on a finding of `rule` (in `file`, when given), applies it and checks
 * the three properties every fix must have.
 */
function applyFix(files: Files, rule: string, title: RegExp, file?: string): Applied {
  const root = workspace(files);
  const findings = analyse(root);
  const candidates = findings.filter((f) => f.ruleId === rule && (!file || path.relative(root, f.span.file) === file));
  const finding = candidates.find((f) => f.fixes.some((x) => title.test(x.title)));
  assert.ok(finding, `a ${rule} finding offers a fix matching ${title}; got: ${candidates.flatMap((f) => f.fixes.map((x) => x.title)).join(' | ') || 'no fixes'} (findings: ${findings.map((f) => f.ruleId).join(', ')})`);
  const fix = finding.fixes.find((x) => title.test(x.title))!;
  const before = readAll(root, files);

  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [abs, edits] of byFile) {
    const name = path.relative(root, abs);
    const text = before[name];
    const next = applyEdits(text, edits);
    // Nothing outside [first edit start, last edit end] changes.
    const lo = Math.min(...edits.map((e) => e.start));
    const hi = Math.max(...edits.map((e) => e.end));
    assert.equal(next.slice(0, lo), text.slice(0, lo), `${name}: text before the edits is unchanged`);
    assert.equal(next.slice(next.length - (text.length - hi)), text.slice(hi), `${name}: text after the edits is unchanged`);
    assert.deepEqual(parseErrors(name, next), [], `${name} still parses after '${fix.title}':\n${next}`);
    fs.writeFileSync(abs, next);
  }
  const after = readAll(root, files);
  for (const name of Object.keys(files)) if (!byFile.has(path.join(root, name))) assert.equal(after[name], before[name], `${name} is untouched`);

  const edits = byFile.get(finding.span.file) ?? [];
  const spot = { file: finding.span.file, start: mapOffset(finding.span.start, edits), end: mapOffset(finding.span.end, edits) };
  const findingsAfter = analyse(root);
  const same = findingsAfter.filter((f) => f.ruleId === rule && f.span.file === spot.file && f.span.start < Math.max(spot.end, spot.start + 1) && f.span.end > spot.start);
  assert.deepEqual(same.map((f) => f.message), [], `the ${rule} finding is gone after '${fix.title}'`);
  const again = findingsAfter.flatMap((f) => f.fixes.filter((x) => x.title === fix.title && x.edits.some((e) => e.file === spot.file)).map((x) => `${f.ruleId}: ${x.title}`));
  assert.deepEqual(again, [], `no second '${fix.title}' is offered`);
  return { root, before, after, finding, fix, findingsAfter, spot };
}

const MASTRA_PKG = JSON.stringify({ name: 'fix-mastra', private: true, type: 'module', dependencies: { '@mastra/core': '1.71.0', '@mastra/memory': '1.31.0', '@mastra/mcp': '2.0.0', zod: '4.6.7' } });
const AI7_PKG = JSON.stringify({ name: 'fix-ai7', private: true, type: 'module', dependencies: { ai: '7.0.173', '@ai-sdk/mcp': '2.0.99', zod: '4.6.7' } });
const AI6_PKG = JSON.stringify({ name: 'fix-ai6', private: true, type: 'module', dependencies: { ai: '6.x', zod: '4.6.7' } });
const OPENAI_PKG = JSON.stringify({ name: 'fix-openai', private: true, type: 'module', dependencies: { '@openai/agents': '0.20.0', zod: '4.6.7' } });
const LANGCHAIN_PKG = JSON.stringify({ name: 'fix-langchain', private: true, type: 'module', dependencies: { langchain: '1.5.14', '@langchain/langgraph': '1.7.3', '@langchain/mcp-adapters': '1.1.4', zod: '4.6.7' } });

const DECLARED = (id: string, extra = '') => `/**
 * @agentIdentity ${id}
 * @owner team-platform${extra}
 */`;

describe('AG202 fixes', () => {
  const mcpFile = (env: string) => `import { Agent } from '@mastra/core/agent';
import { MCPClient } from '@mastra/mcp';

const mcp = new MCPClient({
  servers: {
    github: {
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: ${env},
    },
  },
});

${DECLARED('repo-bot', '\n * @tools mcp:github\n * @memory none')}
export const repoBot = new Agent({
  id: 'repo-bot',
  name: 'Repo Bot',
  instructions: 'Triage issues.',
  model: 'openai/gpt-4.1',
  tools: async () => ({ ...(await mcp.listTools()) }),
});
`;

  test("'Pass only named variables' replaces env: process.env", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': mcpFile('process.env as Record<string, string>') }, 'AG202', /^Pass only named variables$/);
    assert.match(r.after['src/agent.ts'], /env: \{ PATH: process\.env\.PATH \?\? '' \},/);
  });

  test("'Pass only named variables' leaves no new finding behind", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': mcpFile('process.env as Record<string, string>') }, 'AG202', /^Pass only named variables$/);
    // The minimal environment the fix writes (PATH) should not turn into a new undeclared-secret warning.
    const before = analyse(workspace({ 'package.json': MASTRA_PKG, 'src/agent.ts': mcpFile('process.env as Record<string, string>') })).map((f) => f.ruleId);
    const added = r.findingsAfter.filter((f) => !before.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.message}`);
    assert.deepEqual(added, [], 'the fix introduces no finding of another rule');
  });

  test("'Pass only named variables' replaces a spread of process.env", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': mcpFile("{ ...process.env, GITHUB_TOOLSETS: 'issues' }") }, 'AG202', /^Pass only named variables$/);
    assert.match(r.after['src/agent.ts'], /env: \{ PATH: process\.env\.PATH \?\? '', GITHUB_TOOLSETS: 'issues' \},/);
  });

  test("'Pass only named variables' drops the spread when PATH is already named", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': mcpFile("{ PATH: '/usr/bin', ...process.env, GITHUB_TOOLSETS: 'issues' }") }, 'AG202', /^Pass only named variables$/);
    assert.match(r.after['src/agent.ts'], /env: \{ PATH: '\/usr\/bin', GITHUB_TOOLSETS: 'issues' \},/);
  });

  const toolFile = (imports: string, body: string) => `import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
${imports}
import { z } from 'zod';

const runChecks = createTool({
  id: 'run-checks',
  description: 'Run the repository checks.',
  inputSchema: z.object({ dir: z.string() }),
  execute: async ({ dir }) => {
${body}
  },
});

${DECLARED('ci-bot', '\n * @tools run-checks\n * @memory none')}
export const ciBot = new Agent({
  id: 'ci-bot',
  name: 'CI Bot',
  instructions: 'Run the checks.',
  model: 'openai/gpt-4.1',
  tools: { runChecks },
});
`;

  const childCases: [string, string, string, RegExp][] = [
    ['spawn with an options object', "import { spawn } from 'node:child_process';", "    const child = spawn('pnpm', ['test'], { cwd: dir, stdio: 'inherit' });\n    return child.pid;", /spawn\('pnpm', \['test'\], \{ env: \{ PATH: process\.env\.PATH \?\? '' \}, cwd: dir, stdio: 'inherit' \}\)/],
    ['spawn with no options', "import { spawn } from 'node:child_process';", "    const child = spawn('pnpm', ['test']);\n    return child.pid;", /spawn\('pnpm', \['test'\], \{ env: \{ PATH: process\.env\.PATH \?\? '' \} \}\)/],
    ['exec with a callback', "import { exec } from 'node:child_process';", "    return new Promise((resolve) => exec(`pnpm --dir ${dir} test`, (error, stdout) => resolve(error ? 'failed' : stdout)));", /exec\(`pnpm --dir \$\{dir\} test`, \{ env: \{ PATH: process\.env\.PATH \?\? '' \} \}, \(error, stdout\)/],
    ['promisified execFile', "import { execFile } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst execFileAsync = promisify(execFile);", "    const { stdout } = await execFileAsync('git', ['-C', dir, 'status', '--short']);\n    return stdout;", /execFileAsync\('git', \['-C', dir, 'status', '--short'\], \{ env: \{ PATH: process\.env\.PATH \?\? '' \} \}\)/],
    ['execa with options', "import { execa } from 'execa';", "    const { stdout } = await execa('pnpm', ['lint'], { cwd: dir });\n    return stdout;", /execa\('pnpm', \['lint'\], \{ env: \{ PATH: process\.env\.PATH \?\? '' \}, cwd: dir \}\)/],
  ];
  for (const [name, imports, body, expected] of childCases) {
    test(`'Give the child process an explicit env': ${name}`, () => {
      const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': toolFile(imports, body) }, 'AG202', /^Give the child process an explicit env$/);
      assert.match(r.after['src/agent.ts'], expected);
    });
  }

  test("'Give the child process an explicit env' with options held in a variable puts env where Node reads it", () => {
    const body = "    const options = { cwd: dir, stdio: 'inherit' as const };\n    const child = spawn('pnpm', ['test'], options);\n    return child.pid;";
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': toolFile("import { spawn } from 'node:child_process';", body) }, 'AG202', /^Give the child process an explicit env$/);
    const text = r.after['src/agent.ts'];
    // spawn(command, args, options) reads its third argument only: a fourth object is ignored and the
    // child still inherits the whole environment.
    const call = /spawn\('pnpm', \['test'\], ([^;]*)\);/.exec(text)?.[1] ?? '';
    assert.doesNotMatch(call, /^options, \{ env/, `the env is passed as an ignored fourth argument: spawn('pnpm', ['test'], ${call})`);
  });
});

describe('AG104 and AG105 fixes', () => {
  const agentFile = (tags: string) => `import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { Memory } from '@mastra/memory';
import { z } from 'zod';

const lookupInvoice = createTool({
  id: 'lookup-invoice',
  description: 'Look up an invoice.',
  inputSchema: z.object({ id: z.string() }),
  execute: async ({ id }) => {
    const res = await fetch(\`https://billing.acme.example/api/invoices/\${id}\`, { headers: { 'X-Api-Key': process.env.BILLING_API_KEY ?? '' } });
    return res.json();
  },
});

/**
 * @agentIdentity invoice-helper
 * @owner team-billing${tags}
 */
export const invoiceHelper = new Agent({
  id: 'invoice-helper',
  name: 'Invoice Helper',
  instructions: 'Answer invoice questions.',
  model: 'openai/gpt-4.1',
  tools: { lookupInvoice },
  memory: new Memory({ options: { lastMessages: 10 } }),
});
`;

  test("'Declare …' adds a tool to an existing @tools tag", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': agentFile('\n * @tools search-docs\n * @secrets BILLING_API_KEY\n * @memory thread') }, 'AG104', /^Declare tool lookupInvoice in the identity/);
    assert.match(r.after['src/agent.ts'], / \* @tools search-docs, lookupInvoice\n/);
  });

  test("'Declare …' creates a missing @secrets tag", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': agentFile('\n * @tools lookup-invoice\n * @memory thread') }, 'AG104', /^Declare secret BILLING_API_KEY in the identity/);
    assert.match(r.after['src/agent.ts'], / \* @memory thread\n \* @secrets BILLING_API_KEY\n \*\//, 'the new tag line lines up with the other tag lines');
  });

  test("'Declare …' a memory kind where the declaration says @memory none", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': agentFile('\n * @tools lookup-invoice\n * @secrets BILLING_API_KEY\n * @memory none') }, 'AG104', /^Declare memory thread in the identity/);
    // `none` and a memory kind contradict each other; the fix should replace `none`.
    assert.doesNotMatch(r.after['src/agent.ts'], /@memory none, thread/, 'the declaration says both none and thread');
  });

  test("'Remove …' drops an unused entry from the middle of a list", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': agentFile('\n * @tools lookup-invoice, refund-invoice, lookupInvoice\n * @secrets BILLING_API_KEY\n * @memory thread') }, 'AG105', /^Remove refund-invoice from @tools/);
    assert.match(r.after['src/agent.ts'], / \* @tools lookup-invoice, lookupInvoice\n/);
  });

  test("'Remove …' drops an unused last entry with its comma", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': agentFile('\n * @tools lookup-invoice\n * @secrets BILLING_API_KEY, STRIPE_SECRET_KEY\n * @memory thread') }, 'AG105', /^Remove STRIPE_SECRET_KEY from @secrets/);
    assert.match(r.after['src/agent.ts'], / \* @secrets BILLING_API_KEY\n/);
  });

  test("'Remove …' drops the whole line of a tag's only entry", () => {
    const r = applyFix({ 'package.json': MASTRA_PKG, 'src/agent.ts': agentFile('\n * @tools lookup-invoice\n * @secrets BILLING_API_KEY\n * @delegates translator\n * @memory thread') }, 'AG105', /^Remove translator from @delegates/);
    assert.match(r.after['src/agent.ts'], / \* @secrets BILLING_API_KEY\n \* @memory thread\n/);
  });
});

describe('approval-gate fixes (AG301 and AG302)', () => {
  /** After a gate fix, neither the flow nor the unguarded tool is reported any more. */
  function gateApplied(r: Applied): void {
    const left = r.findingsAfter.filter((f) => f.ruleId === 'AG301' || f.ruleId === 'AG302').map((f) => `${f.ruleId} ${f.message}`);
    assert.deepEqual(left, [], 'no AG301/AG302 remain');
  }

  test('Mastra: requireApproval on the tool', () => {
    const files = {
      'package.json': MASTRA_PKG,
      'src/agent.ts': `import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { Memory } from '@mastra/memory';
import { z } from 'zod';

const closeAccount = createTool({
  id: 'close-account',
  description: 'Close the account the customer asked about.',
  inputSchema: z.object({ reason: z.string() }),
  execute: async ({ reason }, ctx) => {
    const asked = (ctx.agent?.messages ?? []).map((m) => JSON.stringify(m.content)).join(' ');
    const res = await fetch('https://accounts.acme.example/api/close', { method: 'POST', body: JSON.stringify({ asked, reason }) });
    return res.ok;
  },
});

${DECLARED('account-desk', '\n * @tools close-account\n * @memory thread')}
export const accountDesk = new Agent({
  id: 'account-desk',
  name: 'Account Desk',
  instructions: 'Help with accounts.',
  model: 'openai/gpt-4.1',
  tools: { closeAccount },
  memory: new Memory({ options: { lastMessages: 10 } }),
});
`,
    };
    const r = applyFix(files, 'AG301', /^Require approval before 'closeAccount' runs \(requireApproval\)$/);
    assert.match(r.after['src/agent.ts'], /const closeAccount = createTool\(\{\n  requireApproval: true,\n  id: 'close-account',/);
    gateApplied(r);
  });

  test('OpenAI Agents: needsApproval on the tool', () => {
    const files = {
      'package.json': OPENAI_PKG,
      'src/agent.ts': `import { Agent, MemorySession, run, tool } from '@openai/agents';
import { z } from 'zod';

const session = new MemorySession();

const cancelSubscription = tool({
  name: 'cancel_subscription',
  description: 'Cancel the subscription the customer named earlier.',
  parameters: z.object({ confirm: z.boolean() }),
  execute: async () => {
    const items = await session.getItems(10);
    const res = await fetch('https://billing.acme.example/api/cancel', { method: 'POST', body: JSON.stringify(items) });
    return res.ok ? 'cancelled' : 'failed';
  },
});

${DECLARED('subscriptions', '\n * @tools cancel_subscription\n * @memory thread')}
export const subscriptions = new Agent({ name: 'Subscriptions', instructions: 'Help with subscriptions.', tools: [cancelSubscription] });

export async function ask(input: string) {
  return (await run(subscriptions, input, { session })).finalOutput;
}
`,
    };
    const r = applyFix(files, 'AG302', /^Require approval before 'cancel_subscription' runs \(needsApproval\)$/);
    assert.match(r.after['src/agent.ts'], /const cancelSubscription = tool\(\{\n  needsApproval: true,\n  name: 'cancel_subscription',/);
    gateApplied(r);
  });

  const aiTools = `import { tool } from 'ai';
import { z } from 'zod';

export const deleteProject = tool({
  description: 'Delete the project the user confirmed.',
  inputSchema: z.object({ confirm: z.literal(true) }),
  execute: async (_input, { messages }) => {
    const said = messages.map((m) => JSON.stringify(m.content)).join(' ');
    const res = await fetch('https://projects.acme.example/api/delete', { method: 'POST', body: said });
    return res.ok;
  },
});
`;
  const aiRoute = (options: string) => `import { generateText, stepCountIs } from 'ai';
import { deleteProject } from './tools';
import { loadChat } from './store';

${DECLARED('project-admin', '\n * @tools deleteProject\n * @memory thread')}
export async function POST(req: Request) {
  const { chatId } = await req.json();
  const result = await generateText({
    model: 'openai/gpt-4.1',
    messages: await loadChat(chatId),
    tools: { deleteProject },${options}
    stopWhen: stepCountIs(4),
  });
  return Response.json({ text: result.text });
}
`;
  const store = `export async function loadChat(id: string) {
  const res = await fetch(\`https://chats.acme.example/api/chats/\${id}\`);
  return (await res.json()) as { role: 'user' | 'assistant'; content: string }[];
}
`;

  test('AI SDK 6: needsApproval on the tool', () => {
    const r = applyFix({ 'package.json': AI6_PKG, 'src/tools.ts': aiTools, 'src/route.ts': aiRoute(''), 'src/store.ts': store }, 'AG302', /^Require approval before 'deleteProject' runs \(needsApproval\)$/);
    assert.match(r.after['src/tools.ts'], /export const deleteProject = tool\(\{\n  needsApproval: true,\n  description:/);
    assert.equal(r.after['src/route.ts'], r.before['src/route.ts']);
    gateApplied(r);
  });

  test('AI SDK 7: a toolApproval entry on the call, created', () => {
    const r = applyFix({ 'package.json': AI7_PKG, 'src/tools.ts': aiTools, 'src/route.ts': aiRoute(''), 'src/store.ts': store }, 'AG302', /^Require approval before 'deleteProject' runs \(toolApproval\)$/);
    assert.match(r.after['src/route.ts'], /generateText\(\{\n    toolApproval: \{ deleteProject: 'user-approval' \},\n    model:/);
    assert.equal(r.after['src/tools.ts'], r.before['src/tools.ts']);
    gateApplied(r);
  });

  test('AI SDK 7: a toolApproval entry added to an existing map', () => {
    const r = applyFix({ 'package.json': AI7_PKG, 'src/tools.ts': aiTools, 'src/route.ts': aiRoute("\n    toolApproval: { searchProjects: 'not-applicable' },"), 'src/store.ts': store }, 'AG301', /^Require approval before 'deleteProject' runs \(toolApproval\)$/);
    assert.match(r.after['src/route.ts'], /toolApproval: \{ deleteProject: 'user-approval', searchProjects: 'not-applicable' \},/);
    gateApplied(r);
  });

  test("AI SDK 7: an MCP server's tools are gated by names the SDK knows", () => {
    const route = `import { generateText } from 'ai';
import { createMCPClient } from '@ai-sdk/mcp';
import { StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';
import { loadChat } from './store';

${DECLARED('repo-admin', '\n * @tools mcp:github\n * @memory thread')}
export async function POST(req: Request) {
  const { chatId } = await req.json();
  const github = await createMCPClient({ name: 'github', transport: new StdioMCPTransport({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] }) });
  const result = await generateText({ model: 'openai/gpt-4.1', messages: await loadChat(chatId), tools: { ...(await github.tools()) } });
  return Response.json({ text: result.text });
}
`;
    // The MCP tools are keyed by their own names (create_issue, merge_pull_request …): a key 'mcp:github'
    // would match none of them and gate nothing, so no such fix is offered; the finding stays.
    const findings = analyse(workspace({ 'package.json': AI7_PKG, 'src/route.ts': route, 'src/store.ts': store }));
    const ag302 = findings.filter((f) => f.ruleId === 'AG302');
    assert.ok(ag302.length > 0, 'the unguarded MCP server is reported');
    assert.deepEqual(ag302.flatMap((f) => f.fixes).filter((x) => /mcp:github/.test(x.title) || x.edits.some((e) => /mcp:github/.test(e.newText))), []);
  });

  test("LangChain: an MCP server's tools are interrupted by names the middleware knows", () => {
    const agent = `import { createAgent } from 'langchain';
import { MemorySaver } from '@langchain/langgraph';
import { MultiServerMCPClient } from '@langchain/mcp-adapters';

const mcp = new MultiServerMCPClient({ mcpServers: { github: { transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] } } });

${DECLARED('repo-keeper', '\n * @tools mcp:github\n * @memory checkpoint')}
export const repoKeeper = createAgent({
  model: 'openai:gpt-4.1',
  tools: await mcp.getTools(),
  checkpointer: new MemorySaver(),
});
`;
    // interruptOn is keyed by tool name (create_issue …); 'mcp:github' would interrupt nothing, so no such fix.
    const findings = analyse(workspace({ 'package.json': LANGCHAIN_PKG, 'src/agent.ts': agent }));
    const ag302 = findings.filter((f) => f.ruleId === 'AG302');
    assert.ok(ag302.length > 0, 'the unguarded MCP server is reported');
    assert.deepEqual(ag302.flatMap((f) => f.fixes).filter((x) => x.edits.some((e) => /mcp:github/.test(e.newText))), []);
  });

  const langchainAgent = (imports: string, middleware: string) => `import { createAgent, tool${imports} } from 'langchain';
import { MemorySaver, getStore } from '@langchain/langgraph';
import { z } from 'zod';

const payInvoice = tool(
  async ({ invoiceId }) => {
    const saved = await getStore()?.get(['payees'], 'default');
    const res = await fetch('https://pay.acme.example/api/pay', { method: 'POST', body: JSON.stringify({ invoiceId, payee: saved?.value }) });
    return res.ok ? 'paid' : 'failed';
  },
  { name: 'pay_invoice', description: 'Pay an invoice to the saved payee.', schema: z.object({ invoiceId: z.string() }) },
);

${DECLARED('payables', '\n * @tools pay_invoice\n * @memory checkpoint, store')}
export const payables = createAgent({
  model: 'openai:gpt-4.1',
  tools: [payInvoice],${middleware}
  checkpointer: new MemorySaver(),
});
`;

  test('LangChain: creates humanInTheLoopMiddleware and its import', () => {
    const r = applyFix({ 'package.json': LANGCHAIN_PKG, 'src/agent.ts': langchainAgent('', '') }, 'AG301', /^Require approval before 'pay_invoice' runs \(humanInTheLoopMiddleware\)$/);
    const text = r.after['src/agent.ts'];
    assert.match(text, /^import \{ createAgent, tool, humanInTheLoopMiddleware \} from 'langchain';/);
    assert.match(text, /createAgent\(\{\n  middleware: \[humanInTheLoopMiddleware\(\{ interruptOn: \{ pay_invoice: true \} \}\)\],\n  model:/);
    gateApplied(r);
  });

  test('LangChain: adds an interruptOn entry to the existing middleware', () => {
    const r = applyFix({ 'package.json': LANGCHAIN_PKG, 'src/agent.ts': langchainAgent(', humanInTheLoopMiddleware', '\n  middleware: [humanInTheLoopMiddleware({ interruptOn: { send_receipt: true } })],') }, 'AG302', /^Require approval before 'pay_invoice' runs \(humanInTheLoopMiddleware\)$/);
    assert.match(r.after['src/agent.ts'], /humanInTheLoopMiddleware\(\{ interruptOn: \{ pay_invoice: true, send_receipt: true \} \}\)/);
    assert.equal((r.after['src/agent.ts'].match(/humanInTheLoopMiddleware/g) ?? []).length, 2, 'no second import or middleware');
    gateApplied(r);
  });

  test('LangChain: appends humanInTheLoopMiddleware to a middleware list without one', () => {
    const r = applyFix({ 'package.json': LANGCHAIN_PKG, 'src/agent.ts': langchainAgent(', summarizationMiddleware', "\n  middleware: [summarizationMiddleware({ model: 'openai:gpt-4.1-mini' })],") }, 'AG302', /^Require approval before 'pay_invoice' runs \(humanInTheLoopMiddleware\)$/);
    const text = r.after['src/agent.ts'];
    assert.match(text, /middleware: \[summarizationMiddleware\(\{ model: 'openai:gpt-4\.1-mini' \}\), humanInTheLoopMiddleware\(\{ interruptOn: \{ pay_invoice: true \} \}\)\],/);
    assert.match(text, /^import \{ createAgent, tool, summarizationMiddleware, humanInTheLoopMiddleware \} from 'langchain';/);
    gateApplied(r);
  });

  test('LangGraph createReactAgent: interruptBefore tools', () => {
    const files = {
      'package.json': LANGCHAIN_PKG,
      'src/agent.ts': `import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { MemorySaver } from '@langchain/langgraph';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';

const restartPod = tool(
  async ({ pod }, config) => {
    const note = await config.store?.get(['runbooks'], pod);
    const res = await fetch('https://k8s-proxy.acme.example/api/restart', { method: 'POST', body: JSON.stringify({ pod, note: note?.value }) });
    return res.ok ? 'restarted' : 'failed';
  },
  { name: 'restart_pod', description: 'Restart a pod.', schema: z.object({ pod: z.string() }) },
);

${DECLARED('pod-doctor', '\n * @tools restart_pod\n * @memory checkpoint, store')}
export const podDoctor = createReactAgent({
  llm: new ChatOpenAI({ model: 'gpt-4.1' }),
  tools: [restartPod],
  checkpointSaver: new MemorySaver(),
});
`,
    };
    const r = applyFix(files, 'AG302', /^Require approval before 'restart_pod' runs \(interruptBefore\)$/);
    assert.match(r.after['src/agent.ts'], /createReactAgent\(\{\n  interruptBefore: \['tools'\],\n  llm:/);
    gateApplied(r);
  });
});
