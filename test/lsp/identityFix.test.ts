import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { copyFixture } from '../helpers/tempWorkspace';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'lsp-app');

function applyAction(text: string, action: CodeAction): string {
  const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
  assert.equal(changes.length, 1, 'one document edit');
  return TextDocument.applyEdits(TextDocument.create('file:///x.ts', 'typescript', 1, text), changes[0].edits as { range: import('vscode-languageserver-protocol').Range; newText: string }[]);
}

describe('identity quick fix over LSP', () => {
  let root: string;
  let client: LspClient;
  let file: string;

  before(async () => {
    root = copyFixture(FIXTURE);
    file = path.join(root, 'src', 'agents', 'support.ts');
    client = new LspClient();
    await client.initialize(root, { agentGovernance: { defaultOwner: 'team-fallback' } });
  });
  after(async () => {
    const code = await client.shutdown();
    assert.equal(code, 0, 'the server exits cleanly on shutdown/exit');
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('AG101 appears with its rule id, doc link, and a quick fix that declares exactly what the agent uses', async () => {
    const original = fs.readFileSync(file, 'utf8');
    await client.open(file, original);
    const diagnostics = await client.waitForDiagnostics(file, (d) => d.some((x) => x.code === 'AG101'));
    const ag101 = diagnostics.find((d) => d.code === 'AG101')!;
    assert.equal(ag101.source, 'agent-governance');
    assert.match(String(ag101.codeDescription!.href), /docs\/rules\/AG101\.md$/);
    assert.equal(ag101.range.start.line, original.split('\n').findIndex((l) => l.includes('new Agent(')));
    assert.match(String(ag101.message), /supportAgent/);

    const actions = await client.codeActions(file, ag101.range, [ag101]);
    const fix = actions.find((a) => a.title === "Add scoped identity declaration for 'supportAgent'");
    assert.ok(fix, `fix offered; got ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.isPreferred, true);
    const edited = applyAction(original, fix);
    const expectedBlock = [
      '/**',
      ' * @agentIdentity support-agent',
      ' * @owner @acme/support',
      ' * @tools searchTickets, issueRefund',
      ' * @secrets STRIPE_RESTRICTED_KEY, ZENDESK_TOKEN',
      ' * @memory thread',
      ' */',
      '',
    ].join('\n');
    const insertAt = original.indexOf('export const supportAgent');
    // Nothing outside the insertion changes, byte for byte.
    assert.equal(edited, original.slice(0, insertAt) + expectedBlock + original.slice(insertAt));

    await client.change(file, edited, 2);
    const after = await client.waitForDiagnostics(file, (d) => !d.some((x) => x.code === 'AG101'));
    assert.deepEqual(after.map((d) => d.code), [], 'a least-privilege declaration leaves no finding');

    // The fix is not offered again: applying it a second time changes nothing.
    const again = await client.codeActions(file, ag101.range, after);
    assert.equal(again.filter((a) => a.title.startsWith('Add scoped identity declaration')).length, 0);
  });

  test('the edit names the document version, so a stale fix cannot be applied twice', async () => {
    const agentFile = path.join(root, 'src', 'agents', 'second.ts');
    const source = `import { Agent } from '@mastra/core/agent';\nimport { searchTickets } from '../tools/tickets';\n\nexport const triage = new Agent({ id: 'triage', name: 'Triage', instructions: 'route', model: 'openai/gpt-4o', tools: { searchTickets } });\n`;
    await client.open(agentFile, source, 7);
    const diagnostics = await client.waitForDiagnostics(agentFile, (d) => d.some((x) => x.code === 'AG101'));
    const ag101 = diagnostics.find((d) => d.code === 'AG101')!;
    const [fix] = await client.codeActions(agentFile, ag101.range, [ag101]);
    const change = (fix.edit!.documentChanges as TextDocumentEdit[])[0];
    assert.equal(change.textDocument.version, 7);
  });
});
