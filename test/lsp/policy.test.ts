import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, InitializeRequest, InitializedNotification, type Hover } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { AGENTS_REQUEST, ANALYSIS_DONE_NOTIFICATION, type AgentsResult, type AnalysisSummary } from '../../server/src/lsp/protocol';
import { LspClient } from '../helpers/lspClient';
import { copyFixture } from '../helpers/tempWorkspace';
import { lineOf, Recorder } from './helpers';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'lsp-app');

// `blastRadius.limit` must be an integer of at least 1, and `colour` is no setting at all.
const BROKEN = `{
  // a comment is fine
  "blastRadius": { "limit": 0 },
  "colour": "blue",
}
`;

describe('policy file over LSP', () => {
  let root: string;
  let client: LspClient;
  let policy: string;
  let done: Recorder<AnalysisSummary>;

  before(async () => {
    root = copyFixture(FIXTURE);
    policy = path.join(root, 'agent-governance.config.json');
    fs.writeFileSync(policy, BROKEN);
    client = new LspClient();
    done = new Recorder<AnalysisSummary>(client, ANALYSIS_DONE_NOTIFICATION);
    await client.initialize(root);
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0, 'a broken policy never stops the server');
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('AG901 is published on the policy file at the exact places, and analysis goes on with defaults', async () => {
    const diagnostics = await client.waitForDiagnostics(policy, (d) => d.filter((x) => x.code === 'AG901').length === 2);
    const byLine = Object.fromEntries(diagnostics.map((d) => [d.range.start.line, d]));
    const limitLine = lineOf(BROKEN, '"limit"');
    const limit = byLine[limitLine];
    assert.ok(limit, JSON.stringify(diagnostics.map((d) => [d.range, d.message])));
    assert.equal(limit.severity, 1);
    assert.equal(limit.source, 'agent-governance');
    // The range is the offending value `0`.
    const col = BROKEN.split('\n')[limitLine].indexOf('0 }');
    assert.deepEqual(limit.range, { start: { line: limitLine, character: col }, end: { line: limitLine, character: col + 1 } });
    assert.match(String(limit.message), /blastRadius\.limit/);
    const colourLine = lineOf(BROKEN, '"colour"');
    const colour = byLine[colourLine];
    assert.ok(colour);
    const keyCol = BROKEN.split('\n')[colourLine].indexOf('"colour"');
    assert.deepEqual(colour.range, { start: { line: colourLine, character: keyCol }, end: { line: colourLine, character: keyCol + '"colour"'.length } });

    // The agent code is still analysed, on the default policy.
    const agentFile = path.join(root, 'src', 'agents', 'support.ts');
    const agentDiagnostics = await client.waitForDiagnostics(agentFile, (d) => d.some((x) => x.code === 'AG101'));
    assert.ok(agentDiagnostics.length > 0);
    const { agents } = (await client.connection.sendRequest(AGENTS_REQUEST)) as AgentsResult;
    assert.equal(agents.length, 1);
  });

  test('editing the file as a buffer re-validates it as typed; a fixed file clears AG901', async () => {
    const fixed = BROKEN.replace('"limit": 0', '"limit": 3').replace('  "colour": "blue",\n', '');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI.file(policy).toString(), languageId: 'jsonc', version: 1, text: BROKEN } });
    await client.change(policy, fixed, 2);
    await client.waitForDiagnostics(policy, (d) => d.length === 0);
    // The new limit applies: the support agent (blast radius 4) is now over it.
    const agentFile = path.join(root, 'src', 'agents', 'support.ts');
    await client.waitForDiagnostics(agentFile, (d) => d.some((x) => x.code === 'AG401'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI.file(policy).toString() } });
  });

  test('a change on disk (watcher) is picked up, and a file that is not even JSON is reported, not fatal', async () => {
    fs.writeFileSync(policy, '{ "rules": { "AG101": "loud" }');
    const from = done.seen.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(policy).toString(), type: FileChangeType.Changed }] });
    const diagnostics = await client.waitForDiagnostics(policy, (d) => d.some((x) => x.code === 'AG901'));
    assert.ok(diagnostics.every((d) => d.code === 'AG901'));
    await done.next(() => true, from);
    // The server still answers requests.
    const agentFile = path.join(root, 'src', 'agents', 'support.ts');
    const text = fs.readFileSync(agentFile, 'utf8');
    const line = lineOf(text, 'new Agent(');
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI.file(agentFile).toString() }, position: { line, character: text.split('\n')[line].indexOf('new Agent(') } })) as Hover;
    assert.ok(hover, 'hover still works');

    fs.rmSync(policy);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(policy).toString(), type: FileChangeType.Deleted }] });
    await client.waitForDiagnostics(policy, (d) => d.length === 0);
  });
});

describe('work-done progress for the first scan', () => {
  test('the server creates a token and sends begin and end when the client supports it', async () => {
    const root = copyFixture(FIXTURE);
    const client = new LspClient();
    const created: unknown[] = [];
    const progress: { token: unknown; value: { kind: string; title?: string } }[] = [];
    client.connection.onRequest('window/workDoneProgress/create', (params: { token: unknown }) => {
      created.push(params.token);
      return null;
    });
    client.connection.onNotification('$/progress', (params: { token: unknown; value: { kind: string; title?: string } }) => {
      progress.push(params);
    });
    const done = new Recorder<AnalysisSummary>(client, ANALYSIS_DONE_NOTIFICATION);
    try {
      await client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: URI.file(root).toString(),
        workspaceFolders: [{ uri: URI.file(root).toString(), name: 'app' }],
        capabilities: { window: { workDoneProgress: true } },
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
      await done.next();
      // The end notification is sent right after the analysis notification; wait for it to arrive.
      for (let i = 0; i < 100 && !progress.some((p) => p.value.kind === 'end'); i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(created.length, 1);
      assert.deepEqual(
        progress.map((p) => [p.token, p.value.kind]),
        [
          [created[0], 'begin'],
          [created[0], 'end'],
        ],
      );
      assert.equal(progress[0].value.title, 'Agent Governance');
    } finally {
      assert.equal(await client.shutdown(), 0);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('without the capability, no progress is sent', async () => {
    const root = copyFixture(FIXTURE);
    const client = new LspClient();
    let asked = 0;
    client.connection.onRequest('window/workDoneProgress/create', () => {
      asked++;
      return null;
    });
    const done = new Recorder<AnalysisSummary>(client, ANALYSIS_DONE_NOTIFICATION);
    try {
      await client.initialize(root);
      await done.next();
      assert.equal(asked, 0);
    } finally {
      assert.equal(await client.shutdown(), 0);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
