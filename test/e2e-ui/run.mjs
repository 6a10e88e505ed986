// The E2E suite: the packaged extension in a real VS Code (code-server), driven through the UI by
// playwright-core and Debian's chromium. Entry point: scripts/e2e.mjs (`npm run test:e2e`).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createProfile, folderUrl, installExtension, launch, TYPING_SETTINGS } from './lib/codeServer.mjs';
import { E2E_DIR } from './lib/deps.mjs';
import { serverCapabilities } from './lib/lspProbe.mjs';
import {
  clearToasts, formatProblems, gotoPosition, openFile, openFolder, readProblems, readToasts, runCommand,
  sel, showProblems, waitForPosition, waitUntil,
} from './lib/ui.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const SOURCE = 'agent-governance';
const SUPPORT = 'src/agents/support.ts';
const TRIAGE = 'src/agents/triage.ts';
const FIX_TITLE = "Add scoped identity declaration for 'supportAgent'";
const RESCAN_TITLE = 'Agent Governance: Re-scan Workspace';
const NEW_AGENT = [
  'export const escalationAgent = new Agent({',
  "  id: 'escalation-agent',",
  "  name: 'Escalation Agent',",
  "  instructions: 'Take over the tickets that support could not solve.',",
  "  model: 'openai/gpt-4o',",
  '  tools: { createTicket },',
  '});',
];
const STEP_TIMEOUT_MS = 120_000;

export const CHROMIUM = process.env.E2E_CHROMIUM
  || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

/** 1-based { line, column } of the first occurrence of `needle` in `text`. */
function positionOf(text, needle, from = 0) {
  const i = text.indexOf(needle, from);
  if (i < 0) return null;
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function ours(problems, file) {
  return problems.filter((p) => p.source === SOURCE && (!file || p.file === file || p.file.endsWith(`/${file}`)));
}

/**
 * Runs the five steps once in a fresh profile. Returns { passed, failed, skipped, results, runDir }.
 * `log` receives progress lines; screenshots go to `screenshots` (docs/screenshots/e2e/).
 */
export async function runE2E({ vsix, screenshots, log = console.log, keep = false }) {
  const started = Date.now();
  const profile = createProfile({ settings: TYPING_SETTINGS });
  const workspace = join(profile.root, 'workspace');
  cpSync(join(E2E_DIR, 'workspace'), workspace, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  // This run's pictures only: a step renamed or gone leaves no stale file behind.
  for (const f of readdirSync(screenshots)) if (f.endsWith('.png')) rmSync(join(screenshots, f));
  const file = (rel) => join(workspace, rel);
  const read = (rel) => readFileSync(file(rel), 'utf8');
  const results = [];
  const state = {};
  let server;
  let context;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    context = undefined;
    await server?.stop();
    server = undefined;
  };
  // On Ctrl+C / SIGTERM: close the browser (the running step then fails fast), run no further step,
  // stop code-server in the finally below, and exit 130.
  let aborted = null;
  const onSignal = (sig) => {
    if (aborted) return;
    aborted = sig;
    log(`e2e: ${sig}: stopping the browser and code-server`);
    context?.close().catch(() => {});
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    log(`e2e: profile ${profile.root}`);
    const installed = installExtension(profile, vsix);
    log(`e2e: ${installed.split('\n').filter((l) => /install/i.test(l)).pop()}`);
    // The extension as installed: its manifest and its server are what this run tests.
    const extDir = readdirSync(profile.extensions).find((d) => d.startsWith('agent-governance.agent-governance-'));
    assert(extDir, `the extension is not in ${profile.extensions} after --install-extension`);
    state.extension = join(profile.extensions, extDir);
    server = await launch(profile);
    log(`e2e: code-server ${server.url} (pid ${server.pid}) ready after ${Date.now() - started} ms`);
    if (aborted) throw new Error(`interrupted by ${aborted}`);
    context = await chromium.launchPersistentContext(profile.browser, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
      // Our own handlers stop code-server too; Playwright's would exit the process before that.
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(15_000);
    const shot = (name) => page.screenshot({ path: join(screenshots, name) });
    await openFolder(page, folderUrl(server.url, workspace));
    log(`e2e: workbench open on ${workspace}`);

    // Facts of the fixture, read from the files rather than hard-coded.
    const supportSrc = read(SUPPORT);
    const ag101At = positionOf(supportSrc, 'new Agent(');
    const ag102Line = positionOf(read(TRIAGE), '@owner TODO').line;

    const steps = [
      ['diagnostics in the Problems panel (AG101 on the Mastra agent, AG102 on the TODO owner)', async () => {
        await openFile(page, SUPPORT);
        await page.waitForSelector('.editor-instance .squiggly-warning, .editor-instance .squiggly-error, .editor-instance .squiggly-info',
          { timeout: 60_000 }).catch(() => { throw new Error(`no squiggle in ${SUPPORT} within 60 s of opening it`); });
        await showProblems(page);
        await openFile(page, TRIAGE);
        let problems = [];
        try {
          await waitUntil(async () => {
            problems = await readProblems(page);
            return ours(problems, SUPPORT).some((p) => p.code === 'AG101') && ours(problems, TRIAGE).some((p) => p.code === 'AG102');
          }, { timeout: 60_000, what: `AG101 in ${SUPPORT} and AG102 in ${TRIAGE} in the Problems panel` });
        } finally {
          log(`e2e:   Problems panel:\n${formatProblems(problems)}`);
          await shot('01-problems.png');
        }
        const ag101 = ours(problems, SUPPORT).filter((p) => p.code === 'AG101');
        assert(ag101.length === 1, `expected one AG101 in ${SUPPORT}, got ${ag101.length}`);
        assert(ag101[0].line === ag101At.line && ag101[0].column === ag101At.column,
          `AG101 at ${ag101[0].line}:${ag101[0].column}, expected at \`new Agent(\` ${ag101At.line}:${ag101At.column}`);
        assert(ag101[0].severity === 'warning', `AG101 severity ${ag101[0].severity}, expected warning`);
        const ag102 = ours(problems, TRIAGE).filter((p) => p.code === 'AG102');
        assert(ag102.some((p) => p.line === ag102Line), `AG102 on lines ${ag102.map((p) => p.line)}, expected on line ${ag102Line} (@owner TODO)`);
        assert(ours(problems, TRIAGE).every((p) => p.code !== 'AG101'), `AG101 reported in ${TRIAGE}, which has a declaration`);
        const badCode = ours(problems).find((p) => !/^AG\d{3}$/.test(p.code));
        assert(!badCode, `a diagnostic of ours without an AGnnn code: ${badCode?.aria}`);
        state.ag101 = ag101[0];
      }],

      [`quick fix "${FIX_TITLE}"`, async () => {
        const at = state.ag101 ?? ag101At;
        await openFile(page, SUPPORT);
        await gotoPosition(page, at.line, at.column);
        let rows;
        for (let attempt = 1; ; attempt++) {
          await page.keyboard.press('Control+.');
          rows = page.locator(sel.actionRow, { hasText: FIX_TITLE });
          try {
            await rows.first().waitFor({ timeout: attempt < 3 ? 5000 : 20_000 });
            break;
          } catch (e) {
            const offered = await page.locator(sel.actionRow).allInnerTexts().catch(() => []);
            log(`e2e:   Ctrl+. attempt ${attempt}: offered [${offered.join(' | ')}]`);
            if (attempt >= 3) throw new Error(`the quick-fix menu does not offer "${FIX_TITLE}"`);
            await page.keyboard.press('Escape');
          }
        }
        log(`e2e:   quick-fix menu: [${(await page.locator(sel.actionRow).allInnerTexts()).join(' | ')}]`);
        await shot('02-quick-fix-menu.png');
        await rows.first().click();
        await page.locator(sel.actionRow).first().waitFor({ state: 'hidden', timeout: 10_000 });
        await page.keyboard.press('Control+S');
        const text = await waitUntil(() => { const t = read(SUPPORT); return t.includes('@agentIdentity') && t; },
          { timeout: 15_000, what: `the saved ${SUPPORT} to contain @agentIdentity` });
        const decl = /\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*export const supportAgent\b/.exec(text)?.[0] ?? '';
        log(`e2e:   declaration written:\n${decl.split('\n').filter((l) => l.includes('@') || l.includes('/**')).map((l) => `      ${l.trim()}`).join('\n')}`);
        assert(decl, `no JSDoc block directly above \`export const supportAgent\` in the saved file`);
        const id = /@agentIdentity[ \t]+(\S+)/.exec(decl)?.[1];
        const owner = /@owner[ \t]+(\S+)/.exec(decl)?.[1];
        assert(id && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id), `@agentIdentity missing or not kebab-case: ${id}`);
        assert(owner, '@owner missing from the declaration');
        state.identity = id;
        state.owner = owner;
        let problems = [];
        try {
          await waitUntil(async () => {
            problems = await readProblems(page);
            return !ours(problems, SUPPORT).some((p) => p.code === 'AG101');
          }, { timeout: 30_000, what: `the AG101 row of ${SUPPORT} to disappear` });
        } finally {
          log(`e2e:   Problems panel after the fix:\n${formatProblems(problems)}`);
          await shot('03-after-quick-fix.png');
        }
        // Applying the fix again must change nothing: the action is no longer offered there.
        const again = read(SUPPORT);
        assert(again.split('@agentIdentity').length === 2, 'more than one @agentIdentity in the file after one fix');
      }],

      ['typing a new agent without a declaration reports AG101 as you type', async () => {
        await openFile(page, SUPPORT);
        await page.locator(sel.editorLines).first().click();
        const lines = read(SUPPORT).split('\n');
        await page.keyboard.press('Control+End');
        await waitForPosition(page, lines.length, lines[lines.length - 1].length + 1);
        await page.keyboard.press('Enter');
        const line = lines.length + 1;
        await waitForPosition(page, line, 1);
        await page.keyboard.type(NEW_AGENT.join('\n'));
        await waitForPosition(page, line + NEW_AGENT.length - 1, NEW_AGENT[NEW_AGENT.length - 1].length + 1);
        const column = NEW_AGENT[0].indexOf('new Agent(') + 1;
        let problems = [];
        try {
          await waitUntil(async () => {
            problems = await readProblems(page);
            return ours(problems, SUPPORT).some((p) => p.code === 'AG101' && p.line === line);
          }, { timeout: 30_000, what: `AG101 on the typed line ${line} (before saving)` });
        } finally {
          log(`e2e:   Problems panel after typing line ${line}:\n${formatProblems(problems)}`);
          await shot('04-new-finding.png');
        }
        const found = ours(problems, SUPPORT).find((p) => p.code === 'AG101' && p.line === line);
        assert(found.column === column, `new AG101 at column ${found.column}, expected ${column} (\`new Agent(\`)`);
        await page.keyboard.press('Control+S');
        await waitUntil(() => read(SUPPORT).split('\n').slice(line - 1, line - 1 + NEW_AGENT.length).join('\n') === NEW_AGENT.join('\n'),
          { timeout: 15_000, what: `lines ${line}-${line + NEW_AGENT.length - 1} of the saved file to be the typed agent` });
        const saved = await waitUntil(async () => {
          problems = await readProblems(page);
          return ours(problems, SUPPORT).find((p) => p.code === 'AG101' && p.line === line);
        }, { timeout: 15_000, what: 'the new AG101 to stay after saving' });
        log(`e2e:   after saving: ${saved.message}`);
      }],

      [`F1 commands ("${RESCAN_TITLE}" and the other Agent Governance commands)`, async () => {
        await clearToasts(page);
        await runCommand(page, RESCAN_TITLE);
        const toasts = await waitUntil(async () => { const t = await readToasts(page); return t.length && t; },
          { timeout: 30_000, what: `a notification after "${RESCAN_TITLE}"` });
        log(`e2e:   notification: ${toasts.map((t) => `[${t.severity}] ${t.text}`).join(' / ')}`);
        await shot('05-rescan.png');
        assert(toasts.every((t) => t.severity !== 'error'), `an error notification: ${toasts.map((t) => t.text).join(' / ')}`);
        assert(toasts.some((t) => /scan|finding|agent/i.test(t.text)), `the notification does not talk about the scan: ${toasts.map((t) => t.text).join(' / ')}`);
        await clearToasts(page);
        // The problems are still there after a re-scan.
        const after = await waitUntil(async () => { const p = ours(await readProblems(page)); return p.length && p; },
          { timeout: 30_000, what: 'our diagnostics after the re-scan' });
        assert(after.some((p) => p.code === 'AG102'), 'AG102 disappeared after the re-scan');

        // Every other command the extension contributes to the palette, each from the support.ts editor
        // with the cursor on `new Agent(` of supportAgent; commands that change files run last.
        const pkg = JSON.parse(readFileSync(join(state.extension, 'package.json'), 'utf8'));
        const hidden = new Set((pkg.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
        const others = (pkg.contributes?.commands ?? [])
          .filter((c) => c.command !== 'agentGovernance.rescan' && !hidden.has(c.command) && !c.enablement)
          .sort((a, b) => Number(/declare|fix/i.test(a.command)) - Number(/declare|fix/i.test(b.command)));
        if (!others.length) log('e2e:   no other palette commands contributed yet');
        const failures = [];
        let n = 0;
        for (const c of others) {
          const title = `${c.category ? `${c.category}: ` : ''}${c.title}`;
          await openFile(page, SUPPORT);
          const text = read(SUPPORT);
          const at = positionOf(text, 'new Agent(', text.indexOf('supportAgent'));
          await gotoPosition(page, at.line, at.column);
          const tabsBefore = await page.locator('.tabs-container .tab').count();
          try {
            await runCommand(page, title);
            const reaction = await waitUntil(async () => {
              const t = await readToasts(page);
              if (t.length) return `notification: ${t.map((x) => `[${x.severity}] ${x.text}`).join(' / ')}`;
              if (await page.locator('.tabs-container .tab').count() > tabsBefore) {
                return `editor: ${(await page.locator(sel.activeTab).innerText()).replace(/\s+/g, '')}`;
              }
              if (await page.locator(sel.quickInputBox).isVisible()) {
                const placeholder = await page.locator(sel.quickInputBox).getAttribute('placeholder') ?? '';
                const items = await page.locator(`${sel.quickInputRow} .label-name`).allInnerTexts();
                return `input: "${placeholder}" [${items.join(', ')}]`;
              }
              if (await page.locator('.monaco-dialog-box').isVisible()) return `dialog: ${await page.locator('.monaco-dialog-box').innerText()}`;
              return false;
            }, { timeout: 30_000, what: `something to show after "${title}"` });
            log(`e2e:   ${title} -> ${reaction.replace(/\s+/g, ' ').slice(0, 200)}`);
            const errors = (await readToasts(page)).filter((t) => t.severity === 'error');
            assert(!errors.length, `"${title}" showed an error: ${errors.map((t) => t.text).join(' / ')}`);
            if (/exportReport$/.test(c.command) && reaction.startsWith('input:') && /\bJSON\b/.test(reaction)) {
              // Go through with it: JSON, accept the proposed path in the save dialog, read the file.
              await page.locator(sel.quickInputRow).filter({ has: page.locator('.label-name', { hasText: /^JSON$/ }) }).first().click();
              const target = await waitUntil(async () => {
                const v = await page.locator(sel.quickInputBox).inputValue().catch(() => '');
                return /\.json$/.test(v) && v;
              }, { timeout: 15_000, what: 'the save dialog to propose a .json file' });
              await page.keyboard.press('Enter');
              const written = await waitUntil(async () => (await readToasts(page)).find((t) => /written to/i.test(t.text)),
                { timeout: 15_000, what: 'the "report written" notification' });
              log(`e2e:     save dialog proposed ${target}; ${written.text}`);
              const path = target.startsWith('/') ? target : join(workspace, target);
              const report = JSON.parse(await waitUntil(() => existsSync(path) && readFileSync(path, 'utf8'), { timeout: 5000, what: `${path} to exist` }));
              assert(report.schemaVersion === 1, `exported JSON has schemaVersion ${report.schemaVersion}`);
              const agent = report.agents?.find((a) => a.name === 'supportAgent');
              assert(agent, `exported JSON lists no supportAgent: ${JSON.stringify(report.agents?.map((a) => a.name))}`);
              if (state.identity) assert(agent.identity === state.identity, `exported identity ${agent.identity}, declared ${state.identity}`);
              assert(agent.location?.file === SUPPORT, `exported location ${JSON.stringify(agent.location)}, expected file ${SUPPORT} relative to the root`);
              log(`e2e:     exported JSON: ${report.agents.length} agents, ${report.findings?.length} findings; supportAgent identity ${agent.identity}`);
            }
            if (/blast/i.test(c.command) && reaction.startsWith('input:')) {
              assert(/supportAgent/.test(reaction) && /ZENDESK_TOKEN/.test(reaction) && /acme\.zendesk\.com/.test(reaction),
                `the blast radius of supportAgent does not list its secret and host: ${reaction}`);
            }
            if (/declareAll/i.test(c.command)) state.declaredAll = true;
            if (reaction.startsWith('editor:') && /report|blast/i.test(c.command)) {
              // A report or graph must be about this workspace: it names its agents.
              // The active group's editor: a text editor is read from its lines, anything else (a
              // webview) from the frames that are not the workbench itself.
              const where = await waitUntil(async () => {
                const texts = await page.$$eval('.editor-group-container.active .monaco-editor .view-lines', (els) => els.map((e) => e.innerText));
                if (texts.length) return /supportAgent|support-agent/.test(texts.join('\n')) && 'text editor';
                for (const f of page.frames()) {
                  if (f === page.mainFrame()) continue;
                  const t = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
                  if (/supportAgent|support-agent/.test(t)) return 'webview';
                }
                return false;
              }, { timeout: 15_000, what: `the editor opened by "${title}" to name supportAgent` });
              log(`e2e:     the ${where} names supportAgent`);
            }
          } catch (e) {
            failures.push(e.message);
            log(`e2e:   ${title}: ${e.message}`);
          } finally {
            await shot(`06${'abcdefghijklmnopqrstuvwxyz'[n++]}-command-${c.command.replace(/^agentGovernance\./, '')}.png`);
            await page.keyboard.press('Escape');
            if (await page.locator('.monaco-dialog-box').isVisible()) await page.keyboard.press('Escape');
            await clearToasts(page).catch(() => {});
            while (await page.locator('.tabs-container .tab').count() > tabsBefore) {
              const count = await page.locator('.tabs-container .tab').count();
              await runCommand(page, 'View: Close Editor');
              await waitUntil(async () => await page.locator('.tabs-container .tab').count() < count, { timeout: 5000, what: 'the editor to close' });
            }
          }
        }
        await runCommand(page, ['File: Save All Files', 'File: Save All']);
        if (state.declaredAll) {
          // "Add Identity Declarations to All Agents" covered the agent typed in step 3.
          await waitUntil(() => /@agentIdentity[^]*?\*\/\s*export const escalationAgent/.test(read(SUPPORT)),
            { timeout: 15_000, what: 'a declaration above escalationAgent in the saved file' });
          await waitUntil(async () => !ours(await readProblems(page)).some((p) => p.code === 'AG101'),
            { timeout: 30_000, what: 'no AG101 left after declaring all agents' });
          log('e2e:     after declaring all agents and saving: no AG101 left');
        }
        assert(!failures.length, failures.join('; '));
      }],

      ['hover on an agent shows its identity card', async () => {
        const caps = await serverCapabilities(state.extension, workspace);
        log(`e2e:   server capabilities: ${Object.keys(caps).join(', ')}`);
        if (!caps.hoverProvider) {
          return { skip: 'the language server does not declare hoverProvider in its initialize result (hover not implemented yet)' };
        }
        await runCommand(page, 'View: Single Column Editor Layout');
        await openFile(page, SUPPORT);
        const text = read(SUPPORT);
        const at = positionOf(text, 'export const supportAgent');
        const targets = [
          { what: '`new Agent(`', ...positionOf(text, 'new Agent(', text.indexOf('export const supportAgent')) },
          { what: 'the name supportAgent', line: at.line, column: at.column + 'export const '.length },
        ];
        let card = '';
        for (const t of targets) {
          await gotoPosition(page, t.line, t.column);
          const cursor = await page.locator('.editor-instance .monaco-editor.focused .cursors-layer .cursor').first().boundingBox();
          assert(cursor, 'no cursor in the focused editor');
          await page.mouse.move(cursor.x + 12, cursor.y + cursor.height / 2);
          card = await waitUntil(async () => {
            const h = page.locator(sel.hover).first();
            return (await h.isVisible()) && (await h.innerText()).trim();
          }, { timeout: 10_000, what: `a hover on ${t.what}` }).catch(() => '');
          log(`e2e:   hover on ${t.what}: ${card ? card.replace(/\s+/g, ' ').slice(0, 300) : '(none)'}`);
          if (card && (card.includes(state.identity ?? 'support-agent') || card.includes('supportAgent'))) break;
          await page.mouse.move(5, 5);
        }
        // The hover fades in: wait until it is fully opaque before the screenshot.
        if (card) {
          await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')]
            .some((h) => getComputedStyle(h).opacity === '1'), null, { timeout: 5000 }).catch(() => {});
        }
        await shot('07-hover.png');
        assert(card, 'no hover appeared on the agent');
        assert(card.includes('supportAgent') || card.includes(state.identity), `the hover does not name the agent: ${card}`);
        if (state.identity) assert(card.includes(state.identity), `the hover does not show the identity ${state.identity}`);
        if (state.owner) assert(card.includes(state.owner.replace(/^@/, '')), `the hover does not show the owner ${state.owner}`);
        assert(/owner/i.test(card), 'the hover has no owner line');
      }],
    ];

    for (const [i, [name, fn]] of steps.entries()) {
      if (aborted) break;
      const t0 = Date.now();
      let timer;
      try {
        const r = await Promise.race([fn(), new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`step timed out after ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS); })]);
        if (r?.skip) {
          results.push({ name, status: 'skipped', reason: r.skip });
          log(`e2e: SKIP ${i + 1} ${name}: ${r.skip}`);
        } else {
          results.push({ name, status: 'passed' });
          log(`e2e: ok ${i + 1} ${name} (${Date.now() - t0} ms)`);
        }
      } catch (e) {
        results.push({ name, status: 'failed', error: e.message });
        log(`e2e: FAIL ${i + 1} ${name} (${Date.now() - t0} ms)\n      ${e.message}`);
        await page.screenshot({ path: join(profile.root, `FAIL-${i + 1}.png`) }).catch(() => {});
        for (let k = 0; k < 3; k++) await page.keyboard.press('Escape').catch(() => {});
      } finally {
        clearTimeout(timer);
      }
    }
  } catch (e) {
    results.push({ name: 'setup', status: 'failed', error: e.stack ?? e.message });
    log(`e2e: FAIL setup: ${e.stack ?? e.message}`);
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  if (aborted) {
    log(`e2e: interrupted (${aborted}); code-server stopped`);
    rmSync(profile.root, { recursive: true, force: true });
    process.exit(130);
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  const failed = count('failed');
  if (failed || keep) log(`e2e: profile, code-server log and failure screenshots kept in ${profile.root}`);
  else rmSync(profile.root, { recursive: true, force: true });
  return { passed: count('passed'), failed, skipped: count('skipped'), results, ms: Date.now() - started, runDir: profile.root };
}
