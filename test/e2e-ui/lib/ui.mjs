// Driving the VS Code workbench the way a person does: keyboard shortcuts, the quick-open box, the
// command palette, the Problems panel. Every wait polls a selector or a condition with a timeout;
// nothing sleeps for a fixed time.

export const sel = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  editorLines: '.editor-instance .monaco-editor .view-lines',
  activeTab: '.editor-group-container.active .tabs-container .tab.active',
  problemsRow: '.markers-panel .monaco-list-row',
  actionRow: '.action-widget .monaco-list-row',
  toast: '.notifications-toasts .notification-toast',
  toastMessage: '.notifications-toasts .notification-list-item-message',
  status: '#status\\.editor\\.selection',
  hover: '.monaco-hover:not(.hidden) .monaco-hover-content',
};

/** Polls `fn` (sync or async) until it returns a truthy value; returns that value. */
export async function waitUntil(fn, { timeout = 30_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = undefined;
    } catch (e) { last = e; }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export async function openFolder(page, url) {
  await page.goto(url);
  await page.waitForSelector(sel.workbench, { timeout: 60_000 });
  await page.waitForSelector(sel.explorerRow, { timeout: 60_000 });
}

async function quickInputOpen(page, keys, timeout = 10_000) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(keys);
    try {
      await page.waitForSelector(sel.quickInputBox, { state: 'visible', timeout: attempt < 3 ? 3000 : timeout });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Ctrl+P, type the relative path, Enter; waits until the file's tab is the active one. */
export async function openFile(page, relPath) {
  const name = relPath.split('/').pop();
  await quickInputOpen(page, 'Control+P');
  await page.keyboard.type(relPath);
  // The list first shows recently opened files; Enter only once the filtered match is on top.
  await waitUntil(async () => {
    const first = page.locator(sel.quickInputRow).first();
    return (await first.getAttribute('aria-label').catch(() => ''))?.includes(name)
      || (await first.textContent().catch(() => ''))?.startsWith(name);
  }, { timeout: 15_000, what: `quick open to list ${relPath} first` });
  await page.keyboard.press('Enter');
  await waitUntil(async () => (await page.title()).replace(/^\W+/, '').startsWith(name),
    { timeout: 15_000, what: `the window title to name ${name}` });
  await page.waitForSelector(sel.editorLines, { timeout: 15_000 });
}

/**
 * F1, type the command's title, pick the row whose label is exactly that title. `title` may be a list
 * of alternatives (titles that differ between VS Code versions): the first is typed, any may match.
 */
export async function runCommand(page, title) {
  const titles = [title].flat();
  await quickInputOpen(page, 'F1');
  let typed = titles[0];
  for (const t of titles) while (!t.startsWith(typed)) typed = typed.slice(0, -1); // common prefix
  await page.keyboard.type(typed);
  const index = await waitUntil(() => page.$$eval(sel.quickInputRow, (rows, ts) => {
    const i = rows.findIndex((r) => ts.includes(r.querySelector('.label-name')?.textContent?.trim()));
    return i >= 0 ? i + 1 : 0; // 1-based so that the first row is truthy
  }, titles), { timeout: 15_000, what: `the command palette to list "${titles.join('" or "')}"` });
  if (index === 1) await page.keyboard.press('Enter');
  else await page.locator(sel.quickInputRow).nth(index - 1).click();
  await page.waitForSelector(sel.quickInputBox, { state: 'hidden', timeout: 5000 }).catch(() => {});
}

export async function statusPosition(page) {
  const text = await page.locator(sel.status).innerText({ timeout: 5000 });
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** Waits until the status bar shows the cursor at line:column. */
export async function waitForPosition(page, line, column, timeout = 10_000) {
  let last;
  await waitUntil(async () => {
    last = await statusPosition(page);
    return last && last.line === line && last.column === column;
  }, { timeout, what: `the status bar to show Ln ${line}, Col ${column} (shows ${last ? `Ln ${last.line}, Col ${last.column}` : 'nothing'})` });
}

/** Ctrl+G line:col Enter; waits until the status bar shows the position. */
export async function gotoPosition(page, line, column) {
  await quickInputOpen(page, 'Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await waitForPosition(page, line, column);
}

export async function showProblems(page) {
  if (await page.locator('.markers-panel').isVisible().catch(() => false)) return;
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 10_000 });
}

const FILE_ROW = /^(\d+) problems? in file (.+?) of folder (.*)$/;
const MARKER_ROW = /^(Error|Warning|Info|Hint)[^:]*: ([\s\S]*) at line (\d+) and character (\d+)\.([\s\S]*?)(?: generated by (.+))?$/;

/**
 * Reads the Problems panel as a list of { file, severity, message, line, column, source, code }.
 * The panel is a virtual list (only visible rows exist in the DOM), so it scrolls through it with
 * the mouse wheel, collecting rows by their data-index, and returns to the top.
 */
export async function readProblems(page) {
  await showProblems(page);
  const list = page.locator('.markers-panel .monaco-list').first();
  const byIndex = new Map();
  const grab = async () => {
    const rows = await page.$$eval(sel.problemsRow, (els) => els.map((e) => ({
      index: Number(e.getAttribute('data-index')),
      aria: e.getAttribute('aria-label') ?? '',
      source: e.querySelector('.marker-source')?.textContent?.trim() ?? '',
      code: e.querySelector('.marker-code')?.textContent?.trim() ?? '',
    })));
    let added = 0;
    for (const r of rows) if (!byIndex.has(r.index)) { byIndex.set(r.index, r); added++; }
    return added;
  };
  await grab();
  const box = await list.boundingBox().catch(() => null);
  const scrollable = await page.$eval('.markers-panel .monaco-list', (el) => {
    const rows = el.querySelector('.monaco-list-rows');
    return rows ? rows.scrollHeight > el.clientHeight + 2 || parseFloat(rows.style.height || '0') > el.clientHeight + 2 : false;
  }).catch(() => false);
  if (scrollable && box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 50; i++) {
      await page.mouse.wheel(0, box.height * 0.8);
      const before = byIndex.size;
      await waitUntil(async () => (await grab()) > 0 || byIndex.size > before, { timeout: 300, interval: 50 }).catch(() => {});
      if (byIndex.size === before) break;
    }
    await page.mouse.wheel(0, -100_000);
  }
  const out = [];
  let file = '';
  for (const r of [...byIndex.values()].sort((a, b) => a.index - b.index)) {
    const f = FILE_ROW.exec(r.aria);
    if (f) { file = f[3] && f[3] !== '.' ? `${f[3]}/${f[2]}` : f[2]; continue; }
    const m = MARKER_ROW.exec(r.aria);
    if (!m) continue;
    out.push({
      file, severity: m[1].toLowerCase(), message: m[2], line: Number(m[3]), column: Number(m[4]),
      source: r.source || (m[6] ?? '').trim(), code: r.code, aria: r.aria,
    });
  }
  return out;
}

export function formatProblems(problems) {
  return problems.map((p) => `    ${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} [${p.source}] ${p.message}`).join('\n') || '    (none)';
}

/** Toasts currently shown: [{ text, severity }]. */
export async function readToasts(page) {
  return page.$$eval('.notifications-toasts .notification-toast', (els) => els.map((e) => ({
    text: e.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '',
    source: e.querySelector('.notification-list-item-source')?.textContent?.trim() ?? '',
    severity: e.querySelector('.codicon-error') ? 'error' : e.querySelector('.codicon-warning') ? 'warning' : 'info',
  })));
}

export async function clearToasts(page) {
  if ((await readToasts(page)).length === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications');
  await waitUntil(async () => (await readToasts(page)).length === 0, { timeout: 5000, what: 'notifications to clear' });
}
