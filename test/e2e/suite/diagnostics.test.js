// Runs inside the extension host of a real desktop VS Code, with the fixture workspace
// test/e2e-ui/workspace/ (copied to a temporary folder) open and the extension under development.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const SOURCE = 'agent-governance';
const root = process.env.AG_FIXTURE_WORKSPACE || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
const uriOf = (rel) => vscode.Uri.file(path.join(root, rel));

function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Resolves with our diagnostics for `uri` once `predicate` holds, waiting on onDidChangeDiagnostics. */
function diagnosticsWhen(uri, predicate, what, timeout = 30_000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (predicate(ds)) { done(); resolve(ds); return true; }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}; have: ${ours(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).join(', ') || 'none'}`));
    }, timeout);
    function done() { sub.dispose(); clearTimeout(timer); }
    check();
  });
}

function lineOf(text, needle) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `fixture has no ${needle}`);
  return text.slice(0, i).split('\n').length - 1; // 0-based
}

describe('Agent Governance in the extension host', function () {
  const support = uriOf('src/agents/support.ts');
  const triage = uriOf('src/agents/triage.ts');

  before(async function () {
    assert.ok(root, 'no workspace folder open');
    const ext = vscode.extensions.getExtension('agent-governance.agent-governance');
    assert.ok(ext, 'the extension under development is not loaded');
  });

  it('reports AG101 at `new Agent(` of the undeclared Mastra agent', async function () {
    const doc = await vscode.workspace.openTextDocument(support);
    await vscode.window.showTextDocument(doc);
    const line = lineOf(doc.getText(), 'new Agent(');
    const ds = await diagnosticsWhen(support, (d) => d.some((x) => codeOf(x) === 'AG101'), 'AG101 in support.ts');
    const ag101 = ds.filter((d) => codeOf(d) === 'AG101');
    assert.equal(ag101.length, 1);
    assert.equal(ag101[0].range.start.line, line);
    assert.equal(ag101[0].range.start.character, doc.lineAt(line).text.indexOf('new Agent('));
    assert.equal(ag101[0].severity, vscode.DiagnosticSeverity.Warning);
  });

  it('reports AG102 on the TODO owner of the OpenAI agent, and no AG101 there', async function () {
    const doc = await vscode.workspace.openTextDocument(triage);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhen(triage, (d) => d.some((x) => codeOf(x) === 'AG102'), 'AG102 in triage.ts');
    assert.ok(ds.some((d) => codeOf(d) === 'AG102' && d.range.start.line === lineOf(doc.getText(), '@owner TODO')));
    assert.ok(!ds.some((d) => codeOf(d) === 'AG101'));
  });

  it('quick fix writes the declaration and AG101 goes away', async function () {
    const doc = await vscode.workspace.openTextDocument(support);
    const ag101 = ours(support).find((d) => codeOf(d) === 'AG101');
    assert.ok(ag101, 'no AG101 to fix');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', support, ag101.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Add scoped identity declaration for 'supportAgent'");
    assert.ok(fix, `fix not offered; got: ${actions.map((a) => a.title).join(' | ')}`);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(await doc.save());
    const text = fs.readFileSync(support.fsPath, 'utf8');
    assert.match(text, /@agentIdentity\s+\S+/);
    assert.match(text, /@owner\s+\S+/);
    await diagnosticsWhen(support, (d) => !d.some((x) => codeOf(x) === 'AG101'), 'AG101 to disappear after the fix');
  });

  it('reports AG101 on a newly typed agent before it is saved', async function () {
    const doc = await vscode.workspace.openTextDocument(support);
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, "\nexport const escalationAgent = new Agent({ id: 'escalation-agent', name: 'Escalation', instructions: 'x', model: 'openai/gpt-4o' });\n"));
    const line = lineOf(doc.getText(), 'escalationAgent = new Agent(');
    await diagnosticsWhen(support, (d) => d.some((x) => codeOf(x) === 'AG101' && x.range.start.line === line), 'AG101 on the typed agent');
  });

  it('runs the Re-scan Workspace command', async function () {
    await vscode.commands.executeCommand('agentGovernance.rescan');
    await diagnosticsWhen(triage, (d) => d.some((x) => codeOf(x) === 'AG102'), 'AG102 after the re-scan');
  });
});
