import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { URI } from 'vscode-uri';
import * as fake from './fakeVscode';
import {
  AGENTS_REQUEST,
  BLAST_RADIUS_REQUEST,
  COMMANDS,
  DECLARE_ALL_REQUEST,
  EXPORT_REPORT_REQUEST,
  POLICY_FILE_REQUEST,
  REPORT_HTML_REQUEST,
  RESCAN_REQUEST,
  type AgentsResult,
  type BlastRadiusResult,
} from '../../server/src/lsp/protocol';

// Loaded after the fake, so that their `require('vscode')` finds it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerCommands } = require('../../client/src/commands') as typeof import('../../client/src/commands');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ReportPanel } = require('../../client/src/reportPanel') as typeof import('../../client/src/reportPanel');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AgentsTree } = require('../../client/src/agentsTree') as typeof import('../../client/src/agentsTree');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StatusItem } = require('../../client/src/statusBar') as typeof import('../../client/src/statusBar');

const ROOT = URI.file('/ws').toString();
const range = { start: { line: 4, character: 2 }, end: { line: 4, character: 12 } };

const radius: BlastRadiusResult = {
  agent: 'supportAgent',
  identity: 'support-desk',
  owner: 'team-support',
  total: 2,
  limit: 10,
  uri: `${ROOT}/src/agents/support.ts`,
  range,
  secrets: [{ label: 'ZENDESK_TOKEN', uri: `${ROOT}/src/tools/tickets.ts`, range }],
  hosts: [],
  privilegedTools: [{ label: 'issueRefund', detail: 'through triage', uri: `${ROOT}/src/agents/support.ts`, range }],
  delegates: [],
};

const agents: AgentsResult = {
  agents: [
    {
      label: 'supportAgent',
      detail: 'support-desk',
      uri: `${ROOT}/src/agents/support.ts`,
      range,
      identity: 'support-desk',
      owner: 'team-support',
      framework: 'mastra',
      blastRadius: 4,
      findings: 1,
      groups: [
        { kind: 'tools', items: [{ label: 'searchTickets', uri: `${ROOT}/src/agents/support.ts`, range }] },
        { kind: 'secrets', items: [] },
        { kind: 'memory', items: [{ label: 'thread', detail: 'Mastra memory', uri: `${ROOT}/src/agents/support.ts`, range }] },
        { kind: 'delegates', items: [] },
      ],
    },
    { label: 'researchAgent', uri: `${ROOT}/src/agents/research.ts`, range, identity: null, owner: null, framework: 'openai-agents', blastRadius: 2, findings: 1, groups: [] },
  ],
};

function setup(answers: Record<string, unknown> = {}) {
  const client = new fake.FakeClient({
    [RESCAN_REQUEST]: { agents: 4, findings: 9, files: 12 },
    [REPORT_HTML_REQUEST]: (p: unknown) => ({ html: `<html nonce=${(p as { nonce: string }).nonce}>` }),
    [EXPORT_REPORT_REQUEST]: (p: unknown) => ({ content: `report as ${(p as { format: string }).format}`, fileName: `agent-governance-report.${(p as { format: string }).format}`, rootUri: ROOT }),
    [DECLARE_ALL_REQUEST]: { edit: { documentChanges: [] }, agents: 2 },
    [BLAST_RADIUS_REQUEST]: radius,
    [AGENTS_REQUEST]: agents,
    [POLICY_FILE_REQUEST]: { uri: `${ROOT}/agent-governance.config.json`, exists: false, starter: '// starter\n{}\n' },
    ...answers,
  });
  const context = { subscriptions: [] as unknown[] };
  const report = new ReportPanel(client as never);
  const tree = new AgentsTree(client as never);
  registerCommands(context as never, client as never, report, tree);
  const run = (id: string, ...args: unknown[]) => fake.registered.get(id)!(...args) as Promise<void>;
  return { client, report, tree, run };
}

beforeEach(() => {
  fake.log.reset();
  fake.panels.length = 0;
  fake.registered.clear();
});

test('every command is registered', () => {
  setup();
  assert.deepEqual([...fake.registered.keys()].sort(), Object.values(COMMANDS).sort());
});

test('rescan forwards and reports the figures', async () => {
  const { client, run } = setup();
  await run(COMMANDS.rescan);
  assert.deepEqual(client.requests.map((r) => r.method), [RESCAN_REQUEST]);
  assert.deepEqual(fake.log.info, ['Agent Governance: 4 agents, 9 findings in 12 files.']);
});

test('the report webview: scripts on, no local resources, server-rendered with a fresh nonce and the webview CSP source', async () => {
  const { client, report, run } = setup();
  await run(COMMANDS.showReport);
  assert.equal(fake.panels.length, 1);
  const panel = fake.panels[0];
  assert.deepEqual(panel.options.localResourceRoots, []);
  assert.equal(panel.options.enableScripts, true);
  const params = client.requests[0].params as { nonce: string; cspSource: string };
  assert.equal(params.cspSource, 'https://fake.vscode-cdn.net');
  assert.match(params.nonce, /^[A-Za-z0-9+/]{24}$/);
  assert.equal(panel.webview.html, `<html nonce=${params.nonce}>`);

  // A second show reveals the same panel; a refresh while hidden waits until it is visible again.
  await run(COMMANDS.showReport);
  assert.equal(fake.panels.length, 1);
  assert.equal(panel.revealed, 1);
  const nonce2 = (client.requests[1].params as { nonce: string }).nonce;
  assert.notEqual(nonce2, params.nonce, 'a fresh nonce for every render');
  panel.visible = false;
  report.refresh();
  assert.equal(client.requests.length, 2);
  panel.visible = true;
  panel.viewState.fire();
  await new Promise((r) => setImmediate(r));
  assert.equal(client.requests.length, 3);
});

test('the report webview follows analyses, without reloading a page that did not change', async () => {
  let version = 1;
  const { client, report, run } = setup({ [REPORT_HTML_REQUEST]: (p: unknown) => ({ html: `<html nonce=${(p as { nonce: string }).nonce}>v${version}` }) });
  await run(COMMANDS.showReport);
  const panel = fake.panels[0];
  assert.match(panel.webview.html, /v1$/);
  const first = panel.webview.html;
  const settle = () => new Promise((r) => setTimeout(r, 400));
  report.refresh();
  await settle();
  assert.equal(client.requests.length, 2, 'rendered again after an analysis');
  assert.equal(panel.webview.html, first, 'same report: the page is left alone (no reload, no lost place)');
  version = 2;
  report.refresh();
  report.refresh();
  await settle();
  assert.equal(client.requests.length, 3, 'refreshes close together render once');
  assert.match(panel.webview.html, /v2$/);
});

test('the report webview opens file locations it is asked to, and nothing else', async () => {
  const { run } = setup();
  await run(COMMANDS.showReport);
  const panel = fake.panels[0];
  const send = async (message: unknown) => {
    panel.webview.received.fire(message);
    await new Promise((r) => setImmediate(r));
  };
  await send({ type: 'open', uri: `${ROOT}/src/a.ts`, line: 3, column: 7 });
  assert.equal(fake.log.shown.length, 1);
  assert.equal(fake.log.shown[0].uri, `${ROOT}/src/a.ts`);
  assert.deepEqual(fake.log.shown[0].selection!.start, new fake.Position(2, 6));
  await send({ type: 'open', uri: 'https://evil.example/x', line: 1, column: 1 });
  await send({ type: 'open', uri: 'command:workbench.action.terminal.new', line: 1, column: 1 });
  await send({ type: 'open', uri: `${ROOT}/src/a.ts`, line: '1', column: 1 });
  await send({ type: 'run', uri: `${ROOT}/src/a.ts`, line: 1, column: 1 });
  await send(null);
  assert.equal(fake.log.shown.length, 1, 'only file: URIs with numeric positions are opened');
});

test('export: pick a format, save where the user says, write what the server rendered', async () => {
  const { client, run } = setup();
  fake.log.pick = 'SARIF';
  fake.log.save = URI.file('/ws/out/report.sarif');
  await run(COMMANDS.exportReport);
  assert.deepEqual(fake.log.quickPicks[0].items.map((i) => i.label), ['Markdown', 'HTML', 'JSON', 'SARIF']);
  assert.deepEqual(client.requests.at(-1), { method: EXPORT_REPORT_REQUEST, params: { format: 'sarif' } });
  assert.equal(fake.log.written.get(URI.file('/ws/out/report.sarif').toString()), 'report as sarif');
  // Cancelling the save dialog writes nothing.
  fake.log.written.clear();
  fake.log.save = undefined;
  fake.log.pick = 'HTML';
  await run(COMMANDS.exportReport);
  assert.equal(fake.log.written.size, 0);
});

test('declare all applies the one workspace edit the server computed', async () => {
  const { run } = setup();
  await run(COMMANDS.declareAll);
  assert.deepEqual(fake.log.applied, [{ converted: { documentChanges: [] } }]);
  assert.match(fake.log.info[0], /added identity declarations to 2 agents/);
  const none = setup({ [DECLARE_ALL_REQUEST]: { edit: { documentChanges: [] }, agents: 0 } });
  fake.log.reset();
  await none.run(COMMANDS.declareAll);
  assert.deepEqual(fake.log.applied, []);
  assert.match(fake.log.info[0], /every agent already has an identity declaration/);
});

test('blast radius: from a CodeLens argument or the cursor; items grouped; choosing one reveals it', async () => {
  const { client, run } = setup();
  fake.log.pick = 'issueRefund';
  await run(COMMANDS.showBlastRadius, { uri: radius.uri, position: { line: 4, character: 2 } });
  assert.deepEqual(client.requests.at(-1), { method: BLAST_RADIUS_REQUEST, params: { uri: radius.uri, position: { line: 4, character: 2 } } });
  const items = fake.log.quickPicks[0].items;
  assert.deepEqual(
    items.map((i) => i.label),
    ['$(hubot) supportAgent', 'Secrets (1)', '$(key) ZENDESK_TOKEN', 'Privileged tools (1)', '$(tools) issueRefund'],
  );
  assert.equal(items[0].detail, 'Blast radius 2 (limit 10)');
  assert.equal(items[1].kind, fake.QuickPickItemKind.Separator);
  assert.equal(fake.log.shown[0].uri, radius.uri);

  fake.window.activeTextEditor = { document: { uri: URI.file('/ws/src/agents/support.ts') }, selection: { active: new fake.Position(7, 3) } };
  await run(COMMANDS.showBlastRadius);
  assert.deepEqual(client.requests.at(-1)!.params, { uri: URI.file('/ws/src/agents/support.ts').toString(), position: { line: 7, character: 3 } });
  fake.window.activeTextEditor = undefined;

  const nothing = setup({ [BLAST_RADIUS_REQUEST]: null });
  fake.log.reset();
  await nothing.run(COMMANDS.showBlastRadius, { uri: radius.uri, position: { line: 0, character: 0 } });
  assert.match(fake.log.info[0], /no agent at the cursor/);
});

test('open policy file creates the starter only when there is none', async () => {
  const { run } = setup();
  await run(COMMANDS.openPolicy);
  assert.equal(fake.log.written.get(`${ROOT}/agent-governance.config.json`), '// starter\n{}\n');
  assert.equal(fake.log.shown[0].uri, `${ROOT}/agent-governance.config.json`);
  const existing = setup({ [POLICY_FILE_REQUEST]: { uri: `${ROOT}/agent-governance.config.json`, exists: true, starter: 'x' } });
  fake.log.reset();
  await existing.run(COMMANDS.openPolicy);
  assert.equal(fake.log.written.size, 0);
  assert.equal(fake.log.shown.length, 1);
});

test('a failing request shows an error instead of throwing', async () => {
  const { run } = setup({ [RESCAN_REQUEST]: new Error('server gone') });
  await run(COMMANDS.rescan);
  assert.deepEqual(fake.log.errors, ['Agent Governance: server gone']);
});

test('the Agents tree: agents, then non-empty groups, then items that reveal their place', async () => {
  const { tree } = setup();
  const roots = await tree.getChildren();
  assert.deepEqual(roots.map((n) => tree.getTreeItem(n).label), ['researchAgent', 'supportAgent']);
  const research = tree.getTreeItem(roots[0]);
  assert.equal(research.description, 'no identity · blast radius 2');
  assert.equal((research.iconPath as fake.ThemeIcon).id, 'warning');
  const support = roots[1];
  const groups = await tree.getChildren(support);
  assert.deepEqual(groups.map((g) => [tree.getTreeItem(g).label, tree.getTreeItem(g).description]), [
    ['tools', '1'],
    ['memory', '1'],
  ]);
  const [thread] = await tree.getChildren(groups[1]);
  const item = tree.getTreeItem(thread);
  assert.equal(item.label, 'thread');
  assert.equal(item.description, 'Mastra memory');
  assert.deepEqual(item.command, { title: 'Reveal', command: COMMANDS.revealLocation, arguments: [{ uri: `${ROOT}/src/agents/support.ts`, range }] });
});

test('reveal opens the location with its range selected', async () => {
  const { run } = setup();
  await run(COMMANDS.revealLocation, { uri: `${ROOT}/src/x.ts`, range });
  assert.equal(fake.log.shown[0].uri, `${ROOT}/src/x.ts`);
  assert.deepEqual(fake.log.shown[0].selection, new fake.Range(new fake.Position(4, 2), new fake.Position(4, 12)));
});

test('the status bar shows the open finding count, hidden where there are no agents', () => {
  const status = new StatusItem();
  const item = fake.statusItems.at(-1)!;
  assert.equal(item.command, 'workbench.actions.view.problems');
  status.update({ agents: 0, files: 3, findings: 0, errors: 0, warnings: 0, info: 0, suppressed: 0 });
  assert.equal(item.visible, false);
  status.update({ agents: 4, files: 9, findings: 9, errors: 1, warnings: 7, info: 1, suppressed: 1 });
  assert.equal(item.visible, true);
  assert.equal(item.text, '$(shield) 9');
  assert.equal(item.tooltip, 'Agent Governance: 4 agents; 1 error, 7 warnings, 1 info, 1 suppressed. Click to open Problems.');
});
