import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { AGENTS_VIEW, COMMANDS, FIX_ALL_KIND } from '../../server/src/lsp/protocol';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const clientSource = fs
  .readdirSync(path.join(ROOT, 'client', 'src'))
  .map((f) => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8'))
  .join('\n');

test('every command the client registers is contributed, in the Agent Governance category, and vice versa', () => {
  const contributed = new Map<string, { title: string; category: string }>(contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, c]));
  for (const [key, id] of Object.entries(COMMANDS)) {
    assert.ok(contributed.has(id), `${id} contributed`);
    assert.equal(contributed.get(id)!.category, 'Agent Governance');
    assert.ok(clientSource.includes(`COMMANDS.${key}`), `${id} registered by the client`);
  }
  assert.equal(contributed.size, Object.keys(COMMANDS).length, 'no contributed command without a handler');
  const titles = Object.fromEntries([...contributed].map(([id, c]) => [id, c.title]));
  assert.equal(titles[COMMANDS.showReport], 'Show Workspace Report');
  assert.equal(titles[COMMANDS.exportReport], 'Export Report…');
  assert.equal(titles[COMMANDS.declareAll], 'Add Identity Declarations to All Agents');
  assert.equal(titles[COMMANDS.showBlastRadius], 'Show Blast Radius of Agent at Cursor');
  assert.equal(titles[COMMANDS.rescan], 'Re-scan Workspace');
  assert.equal(titles[COMMANDS.openPolicy], 'Open Policy File');
  // Commands that need arguments are hidden from the palette.
  const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
  assert.deepEqual(hidden.sort(), [COMMANDS.refreshAgents, COMMANDS.revealLocation].sort());
});

test('the Agents view, the walkthrough and the policy schema are contributed with files that exist and ship', () => {
  assert.deepEqual(contributes.views.explorer.map((v: { id: string }) => v.id), [AGENTS_VIEW]);
  assert.ok(contributes.viewsWelcome.some((w: { view: string }) => w.view === AGENTS_VIEW));
  const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  const ships = (file: string) => {
    assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} exists`);
    const shipped = ignore.split('\n').some((line) => line.startsWith('!') && matches(line.slice(1), file));
    assert.ok(shipped, `${file} is packaged (.vscodeignore)`);
  };
  for (const v of contributes.views.explorer) ships(v.icon);
  const [walkthrough] = contributes.walkthroughs;
  assert.ok(walkthrough.steps.length >= 4);
  for (const step of walkthrough.steps) {
    ships(step.media.markdown);
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
      assert.ok(command.startsWith('workbench.') || Object.values(COMMANDS).includes(command as never), `walkthrough links to a real command: ${command}`);
    }
  }
  assert.deepEqual(contributes.jsonValidation, [{ fileMatch: 'agent-governance.config.json', url: './schemas/agent-governance.schema.json' }]);
  ships('schemas/agent-governance.schema.json');
  // The policy file accepts comments, so VS Code must treat it as JSON with comments.
  assert.ok(contributes.languages.some((l: { id: string; filenames: string[] }) => l.id === 'jsonc' && l.filenames.includes('agent-governance.config.json')));
});

test('fix-all is declared with the kind users put in editor.codeActionsOnSave', () => {
  assert.equal(FIX_ALL_KIND, 'source.fixAll.agentGovernance');
  assert.ok(fs.readFileSync(path.join(ROOT, 'docs', 'walkthrough', 'declare.md'), 'utf8').includes(`"${FIX_ALL_KIND}"`));
});

test('the client stays thin: it imports only vscode, the language client, node built-ins and protocol.ts', () => {
  for (const [, spec] of clientSource.matchAll(/from '([^']+)'/g)) {
    assert.ok(spec === 'vscode' || spec.startsWith('vscode-languageclient') || spec.startsWith('node:') || spec.startsWith('./') || spec === '../../server/src/lsp/protocol', `client import ${spec}`);
  }
});

/** The subset of .vscodeignore globs used there: `dir/**` and `dir/*.ext`. */
function matches(glob: string, file: string): boolean {
  if (glob.endsWith('/**')) return file.startsWith(glob.slice(0, -2));
  if (glob.includes('*')) {
    const [dir, ext] = glob.split('*');
    return file.startsWith(dir) && file.endsWith(ext) && !file.slice(dir.length).includes('/');
  }
  return glob === file;
}
