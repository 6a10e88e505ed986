import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseDocument, DomUtils } from 'htmlparser2';
import { CodeActionRequest, CodeLensRequest, HoverRequest, type CodeAction, type CodeLens, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import {
  AGENTS_REQUEST,
  ANALYSIS_DONE_NOTIFICATION,
  BLAST_RADIUS_REQUEST,
  DECLARE_ALL_REQUEST,
  EXPORT_REPORT_REQUEST,
  POLICY_FILE_REQUEST,
  REPORT_HTML_REQUEST,
  RESCAN_REQUEST,
  type AgentsResult,
  type AnalysisSummary,
  type BlastRadiusResult,
  type DeclareAllResult,
  type ExportReportResult,
  type PolicyFileResult,
  type ReportHtmlResult,
  type RescanResult,
} from '../../server/src/lsp/protocol';
import { parsePolicy } from '../../server/src/engine/policy';
import { LspClient } from '../helpers/lspClient';
import { copyFixture } from '../helpers/tempWorkspace';
import { agov, applyEdits, editsFor, lineOf, Recorder } from './helpers';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'report-app');
const uri = (file: string) => URI.file(file).toString();

describe('editor features over LSP (report-app)', () => {
  let root: string;
  let client: LspClient;
  let done: Recorder<AnalysisSummary>;
  const file = (rel: string) => path.join(root, rel);
  const read = (rel: string) => fs.readFileSync(file(rel), 'utf8');

  before(async () => {
    root = copyFixture(FIXTURE);
    client = new LspClient();
    done = new Recorder<AnalysisSummary>(client, ANALYSIS_DONE_NOTIFICATION);
    await client.initialize(root, { agentGovernance: { defaultOwner: 'team-fallback' } });
    await done.next();
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the analysis notification carries the workspace figures', () => {
    const first = done.seen[0];
    assert.equal(first.agents, 4);
    // AG101, AG102, AG103, AG104, AG105, AG201 (deploy), AG302, AG402, AG902 open; AG201 (refunds) suppressed.
    assert.equal(first.suppressed, 1);
    assert.equal(first.findings, first.errors + first.warnings + first.info);
    assert.ok(first.errors >= 1 && first.warnings >= 5 && first.info >= 1, JSON.stringify(first));
  });

  test('hover on an agent construction shows the identity card; elsewhere nothing', async () => {
    const rel = 'src/agents/support.ts';
    const text = read(rel);
    await client.open(file(rel), text);
    const line = lineOf(text, 'new Agent(');
    const character = text.split('\n')[line].indexOf('new Agent(') + 2;
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file(rel)) }, position: { line, character } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /^\*\*supportAgent\*\* · Mastra agent · identity `support-desk`/);
    assert.match(value, /owner \*\*team-support\*\* · Answers customer questions and refunds charges\./);
    assert.match(value, /\| tools \| searchTickets, issueRefund \| searchTickets, issueRefund \|/);
    assert.match(value, /\| secrets \| ZENDESK_TOKEN, STRIPE_SECRET_KEY \| STRIPE_SECRET_KEY \*\(broad\)\*, ZENDESK_TOKEN \|/);
    assert.match(value, /\| memory \| thread \| thread \|/);
    assert.match(value, /Calls acme\.zendesk\.com/);
    assert.match(value, /\*\*Blast radius 4\*\* \(limit 10\): 2 secrets \(ZENDESK_TOKEN, STRIPE_SECRET_KEY\) · 1 host \(acme\.zendesk\.com\) · 1 privileged tool \(issueRefund\) · 0 delegates/);
    assert.deepEqual(hover.range, { start: { line, character: character - 2 }, end: { line, character: character - 2 + 'new Agent('.length } });

    const nothing = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file(rel)) }, position: { line: 0, character: 3 } });
    assert.equal(nothing, null);
  });

  test('hover marks what the agent uses but does not declare', async () => {
    const rel = 'src/agents/triage.ts';
    const text = read(rel);
    const line = lineOf(text, 'Agent.create(');
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file(rel)) }, position: { line, character: text.split('\n')[line].indexOf('Agent.create') + 1 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /owner \*missing\*/);
    assert.match(value, /\| delegates \| research \| researchAgent \*\(undeclared\)\* \|/);
    assert.match(value, /1 delegate \(researchAgent\)/);
  });

  test('CodeLens above each agent: owner, tools, secrets, blast radius; or no identity', async () => {
    const lenses = async (rel: string) => (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(file(rel)) } })) as CodeLens[];
    const support = await lenses('src/agents/support.ts');
    assert.equal(support.length, 1);
    assert.equal(support[0].command!.title, 'team-support · 2 tools · 2 secrets · blast radius 4');
    assert.equal(support[0].command!.command, 'agentGovernance.showBlastRadius');
    // Above the declaration block, not between it and the statement.
    assert.equal(support[0].range.start.line, lineOf(read('src/agents/support.ts'), '/**'));
    const [args] = support[0].command!.arguments as [{ uri: string; position: { line: number } }];
    assert.equal(args.uri, uri(file('src/agents/support.ts')));
    assert.equal(args.position.line, lineOf(read('src/agents/support.ts'), 'new Agent('));

    assert.equal((await lenses('src/agents/research.ts'))[0].command!.title, 'no identity · 1 tool · 1 secret · blast radius 2');
    assert.equal((await lenses('src/agents/triage.ts'))[0].command!.title, 'triage-desk (no owner) · 0 tools · 0 secrets · blast radius 3');
    assert.equal((await lenses('src/agents/ops.ts'))[0].command!.title, '@acme/platform · 1 tool · 1 secret · blast radius 2');
    assert.deepEqual(await lenses('src/tools/refunds.ts'), []);
  });

  test('blast radius request: itemised with locations, from anywhere in the agent statement', async () => {
    const rel = 'src/agents/triage.ts';
    const text = read(rel);
    const radius = (await client.connection.sendRequest(BLAST_RADIUS_REQUEST, { uri: uri(file(rel)), position: { line: lineOf(text, "instructions:"), character: 4 } })) as BlastRadiusResult;
    assert.equal(radius.agent, 'triageAgent');
    assert.equal(radius.identity, 'triage-desk');
    assert.equal(radius.owner, null);
    assert.equal(radius.total, 3);
    assert.equal(radius.limit, 10);
    assert.deepEqual(radius.delegates.map((d) => d.label), ['researchAgent']);
    assert.deepEqual(radius.secrets.map((s) => [s.label, s.detail]), [['SEARCH_API_KEY', 'through researchAgent']]);
    assert.deepEqual(radius.hosts.map((h) => h.label), ['api.search.example']);
    assert.equal(radius.secrets[0].uri, uri(file('src/tools/search.ts')));
    assert.equal(radius.secrets[0].range.start.line, lineOf(read('src/tools/search.ts'), 'SEARCH_API_KEY'));
    assert.equal(radius.total, radius.secrets.length + radius.hosts.length + radius.privilegedTools.length + radius.delegates.length);

    const none = await client.connection.sendRequest(BLAST_RADIUS_REQUEST, { uri: uri(file(rel)), position: { line: 0, character: 0 } });
    assert.equal(none, null);
  });

  test('agents request feeds the tree: agents with tools, secrets, memory and delegates, each located', async () => {
    const { agents } = (await client.connection.sendRequest(AGENTS_REQUEST)) as AgentsResult;
    assert.deepEqual(agents.map((a) => a.label).sort(), ['opsAgent', 'researchAgent', 'supportAgent', 'triageAgent']);
    const support = agents.find((a) => a.label === 'supportAgent')!;
    assert.equal(support.identity, 'support-desk');
    assert.equal(support.owner, 'team-support');
    assert.equal(support.framework, 'mastra');
    assert.equal(support.blastRadius, 4);
    const groups = Object.fromEntries(support.groups.map((g) => [g.kind, g.items.map((i) => i.label)]));
    assert.deepEqual(groups, { tools: ['searchTickets', 'issueRefund'], secrets: ['STRIPE_SECRET_KEY', 'ZENDESK_TOKEN'], memory: ['thread'], delegates: [] });
    const refund = support.groups.find((g) => g.kind === 'tools')!.items[1];
    assert.equal(refund.uri, uri(file('src/agents/support.ts')));
    assert.equal(refund.range.start.line, lineOf(read('src/agents/support.ts'), 'tools: {'));
    assert.equal(agents.find((a) => a.label === 'researchAgent')!.identity, null);
    assert.equal(agents.find((a) => a.label === 'researchAgent')!.findings, 1);
  });

  test('report HTML for the webview: the nonce and CSP source given, locations that open files', async () => {
    const nonce = 'bm9uY2UtZm9yLXRoZS10ZXN0';
    const { html } = (await client.connection.sendRequest(REPORT_HTML_REQUEST, { nonce, cspSource: 'https://file+.vscode-resource.vscode-cdn.net' })) as ReportHtmlResult;
    const doc = parseDocument(html);
    const all = DomUtils.findAll(() => true, doc.children);
    const csp = all.find((e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy')!;
    assert.match(csp.attribs.content, new RegExp(`^default-src 'none'; style-src 'nonce-${nonce}' https://file\\+\\.vscode-resource\\.vscode-cdn\\.net; script-src 'nonce-${nonce}'`));
    for (const el of all.filter((e) => e.name === 'script' || e.name === 'style')) assert.equal(el.attribs.nonce, nonce);
    const links = all.filter((e) => e.attribs['data-uri']);
    assert.ok(links.length > 10, 'inventory, graph and findings link to source');
    assert.ok(links.every((e) => e.attribs['data-uri'].startsWith(uri(root)) && /^\d+$/.test(e.attribs['data-line'])));
    const graph = all.find((e) => e.attribs.id === 'graph');
    assert.ok(graph, 'the graph section is there');
    assert.ok(DomUtils.findAll((e) => e.name === 'svg', graph.children).length === 1);

    const bad = await client.connection.sendRequest(REPORT_HTML_REQUEST, { nonce: `x' 'unsafe-inline`, cspSource: '' }).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    assert.match(bad, /nonce/);
  });

  test('export: every format, rendered as the CLI renders it', async () => {
    const exported = async (format: string) => (await client.connection.sendRequest(EXPORT_REPORT_REQUEST, { format })) as ExportReportResult;
    const json = await exported('json');
    assert.equal(json.fileName, 'agent-governance-report.json');
    assert.equal(json.rootUri, uri(root));
    assert.equal(json.content, agov(['scan', root, '--format', 'json', '--fail-on', 'none']).stdout);
    const sarif = await exported('sarif');
    assert.equal(sarif.content, agov(['scan', root, '--format', 'sarif', '--fail-on', 'none']).stdout);
    assert.equal(JSON.parse(sarif.content).version, '2.1.0');
    assert.equal((await exported('markdown')).content, agov(['scan', root, '--format', 'markdown', '--fail-on', 'none']).stdout);
    const html = await exported('html');
    assert.equal(html.fileName, 'agent-governance-report.html');
    assert.equal(html.content, agov(['scan', root, '--format', 'html', '--fail-on', 'none']).stdout);
    assert.match(html.content, /<section id="graph">/);
    assert.ok(!html.content.includes('data-uri='), 'a file export has no editor links');
    const bad = await client.connection.sendRequest(EXPORT_REPORT_REQUEST, { format: 'pdf' }).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    assert.match(bad, /format must be one of markdown, html, json, sarif/);
  });

  test('policy file request: where it goes, and a starter that parses to the defaults', async () => {
    const info = (await client.connection.sendRequest(POLICY_FILE_REQUEST)) as PolicyFileResult;
    assert.equal(info.uri, uri(file('agent-governance.config.json')));
    assert.equal(info.exists, false);
    assert.match(info.starter, /^\/\/ /);
    const parsed = parsePolicy(info.starter, 'agent-governance.config.json');
    assert.deepEqual(parsed.problems, []);
  });

  test('rescan answers with the figures', async () => {
    const result = (await client.connection.sendRequest(RESCAN_REQUEST)) as RescanResult;
    assert.equal(result.agents, 4);
    assert.equal(result.files, 9);
    assert.equal(result.findings, done.seen.at(-1)!.findings);
  });

  test('quick fixes: "Suppress AGxxx on this line" with indentation; a reasoned suppression keeps the finding in reports', async () => {
    const rel = 'src/tools/deploy.ts';
    const text = read(rel);
    await client.open(file(rel), text, 1);
    const diagnostics = await client.waitForDiagnostics(file(rel), (d) => d.some((x) => x.code === 'AG201'));
    const ag201 = diagnostics.find((d) => d.code === 'AG201')!;
    const actions = await client.codeActions(file(rel), ag201.range, [ag201]);
    const suppress = actions.find((a) => a.title === 'Suppress AG201 on this line');
    assert.ok(suppress, actions.map((a) => a.title).join(', '));
    assert.equal(suppress.kind, 'quickfix');
    const edited = applyEdits(text, editsFor(suppress.edit, file(rel)));
    const line = ag201.range.start.line;
    const original = text.split('\n');
    const indent = /^\s*/.exec(original[line])![0];
    assert.equal(indent, '      ');
    assert.deepEqual(edited.split('\n').slice(line, line + 2), [`${indent}// agent-governance-disable-next-line AG201 -- TODO: reason`, original[line]]);

    await client.change(file(rel), edited, 2);
    const after = await client.waitForDiagnostics(file(rel), (d) => !d.some((x) => x.code === 'AG201'));
    assert.ok(!after.some((d) => d.code === 'AG902'), 'a suppression with a reason is not AG902');

    // Saved, the CLI report still lists the finding, marked suppressed, with the reason.
    fs.writeFileSync(file(rel), edited);
    const report = JSON.parse(agov(['scan', root, '--format', 'json', '--fail-on', 'none']).stdout);
    const finding = report.findings.find((f: { ruleId: string; location: { file: string } }) => f.ruleId === 'AG201' && f.location.file === rel);
    assert.equal(finding.suppressed, true);
    assert.equal(finding.suppressionReason, 'TODO: reason');

    // Without a reason it suppresses nothing, and says so.
    const reasonless = edited.replace(' -- TODO: reason', '');
    await client.change(file(rel), reasonless, 3);
    const back = await client.waitForDiagnostics(file(rel), (d) => d.some((x) => x.code === 'AG201') && d.some((x) => x.code === 'AG902'));
    assert.equal(back.find((d) => d.code === 'AG902')!.range.start.line, line);
    // Suppressing again extends the existing directive (and gives it the placeholder reason).
    const again = back.find((d) => d.code === 'AG201')!;
    const fix = (await client.codeActions(file(rel), again.range, [again])).find((a) => a.title === 'Suppress AG201 on this line');
    assert.equal(fix, undefined, 'the directive already names AG201');
    fs.writeFileSync(file(rel), text);
    await client.change(file(rel), text, 4);
    await client.waitForDiagnostics(file(rel), (d) => d.some((x) => x.code === 'AG201') && !d.some((x) => x.code === 'AG902'));
  });

  test('no suppression fix inside a JSDoc declaration, where a line comment cannot go', async () => {
    const rel = 'src/agents/triage.ts';
    const diagnostics = await client.waitForDiagnostics(file(rel), (d) => d.some((x) => x.code === 'AG102'));
    const ag102 = diagnostics.find((d) => d.code === 'AG102')!;
    const actions = await client.codeActions(file(rel), ag102.range, [ag102]);
    assert.ok(!actions.some((a) => a.title.startsWith('Suppress')), actions.map((a) => a.title).join(', '));
    const ag104 = diagnostics.find((d) => d.code === 'AG104')!;
    const titles = (await client.codeActions(file(rel), ag104.range, [ag104])).map((a) => a.title);
    assert.ok(titles.includes('Suppress AG104 on this line'), titles.join(', '));
  });

  test('source.fixAll.agentGovernance applies the safe fixes of the document, and only when asked', async () => {
    const rel = 'src/agents/research.ts';
    const text = read(rel);
    await client.open(file(rel), text, 1);
    const diagnostics = await client.waitForDiagnostics(file(rel), (d) => d.some((x) => x.code === 'AG101'));
    const unasked = await client.codeActions(file(rel), diagnostics[0].range, diagnostics);
    assert.ok(!unasked.some((a) => a.kind === 'source.fixAll.agentGovernance'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(rel)) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe Agent Governance problems', 'source.fixAll.agentGovernance']]);
    const fixed = applyEdits(text, editsFor(actions[0].edit, file(rel)));
    assert.match(fixed, /\/\*\*\n \* @agentIdentity research\n \* @owner @acme\/support\n \* @tools web_search\n \* @secrets SEARCH_API_KEY\n \*\/\nexport const researchAgent/);
    await client.change(file(rel), fixed, 2);
    await client.waitForDiagnostics(file(rel), (d) => !d.some((x) => x.code === 'AG101'));
    // Nothing safe left to do.
    const none = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(rel)) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.agentGovernance'] },
    })) as CodeAction[];
    assert.deepEqual(none, []);
    await client.change(file(rel), text, 3);
    await client.waitForDiagnostics(file(rel), (d) => d.some((x) => x.code === 'AG101'));
  });

  test('declare all: one workspace edit with every AG101 declaration, ids unique', async () => {
    // A second undeclared agent whose drafted id would collide with the first one's.
    const extra = file('src/agents/research-copy.ts');
    const extraText = read('src/agents/research.ts').replace('researchAgent', 'research_agent').replace("name: 'Research'", "name: 'research'");
    fs.writeFileSync(extra, extraText);
    await client.connection.sendRequest(RESCAN_REQUEST);
    const result = (await client.connection.sendRequest(DECLARE_ALL_REQUEST)) as DeclareAllResult;
    assert.equal(result.agents, 2);
    const first = applyEdits(read('src/agents/research.ts'), editsFor(result.edit, file('src/agents/research.ts')));
    const second = applyEdits(extraText, editsFor(result.edit, extra));
    const ids = [first, second].map((t) => /@agentIdentity (\S+)/.exec(t)![1]);
    assert.equal(new Set(ids).size, 2, ids.join(', '));
    assert.match(ids.join(','), /^research,research-2$|^research-2,research$/);
    // The open document's edit names its version, so a stale edit is refused by the client.
    const change = (result.edit.documentChanges as { textDocument: { uri: string; version: number | null } }[]).find((d) => d.textDocument.uri === uri(file('src/agents/research.ts')))!;
    assert.equal(change.textDocument.version, 3);
    fs.rmSync(extra);
    await client.connection.sendRequest(RESCAN_REQUEST);
  });
});
