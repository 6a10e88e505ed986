/**
 * The HTML export as a person sees it: `agov scan --format html` rendered by Debian's headless
 * Chromium. With playwright-core (installed under test/e2e-ui by the UI e2e harness) the test drives
 * the page: the CSP blocks nothing of the page's own, the script sorts and filters, the graph's labels
 * fit their boxes, and a full-page screenshot is taken in light and dark. Without playwright-core it
 * falls back to `chromium --headless --screenshot`. Without Chromium it is skipped, saying how to get it.
 *
 * AGOV_SCREENSHOTS=<dir> also shoots the demo app in examples/ and keeps those PNGs there:
 * `AGOV_SCREENSHOTS=docs/screenshots npm test -- browser` refreshes the README's images.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findChromium } from '../helpers/chromium';
import { CLI } from '../helpers/lspClient';

const ROOT = path.join(__dirname, '..', '..');
const APP = path.join(ROOT, 'test', 'fixtures', 'report-app');
const PLAYWRIGHT = path.join(ROOT, 'test', 'e2e-ui', 'node_modules', 'playwright-core');

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function exportReport(dir: string, workspace = APP, name = 'report.html'): string {
  const file = path.join(dir, name);
  const r = spawnSync(process.execPath, [CLI, 'scan', workspace, '--format', 'html', '--output', file, '--fail-on', 'none'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return file;
}

/**
 * The part of playwright-core's API this test uses. playwright-core lives in test/e2e-ui/node_modules
 * (the UI harness installs it), outside the root type roots; DOM code runs as strings in the page, since
 * the project's TypeScript has no DOM library.
 */
interface Page {
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  evaluate<T>(expression: string): Promise<T>;
  click(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  getAttribute(selector: string, name: string): Promise<string | null>;
  textContent(selector: string): Promise<string | null>;
  $(selector: string): Promise<{ screenshot(options: { path: string }): Promise<unknown> } | null>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  emulateMedia(options: { colorScheme: 'light' | 'dark' }): Promise<void>;
}
interface Driver {
  launch(options: { executablePath: string; args: string[] }): Promise<{
    newContext(options: { viewport: { width: number; height: number }; deviceScaleFactor: number }): Promise<{ newPage(): Promise<Page> }>;
    close(): Promise<void>;
  }>;
}

/** Full page in light and dark, and the graph section alone; returns the files written. */
async function shoot(tab: Page, dir: string): Promise<string[]> {
  const files = ['report.png', 'report-graph.png', 'report-dark.png'].map((name) => path.join(dir, name));
  await tab.emulateMedia({ colorScheme: 'light' });
  await tab.screenshot({ path: files[0], fullPage: true });
  await (await tab.$('#graph'))!.screenshot({ path: files[1] });
  await tab.emulateMedia({ colorScheme: 'dark' });
  await tab.screenshot({ path: files[2], fullPage: true });
  return files;
}

test('the HTML export in headless Chromium: CSP clean, sortable, filterable, graph labels fit; screenshots', async (t) => {
  const chromium = findChromium();
  if (!chromium) {
    t.skip('Chromium is not installed (apt-get install -y chromium)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-browser-'));
  try {
    const page = exportReport(dir);
    if (!fs.existsSync(PLAYWRIGHT)) {
      const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1400,2400', `--screenshot=${path.join(dir, 'report.png')}`, `file://${page}`], { encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(fs.readFileSync(path.join(dir, 'report.png')).subarray(0, 8), PNG);
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium: driver } = require(PLAYWRIGHT) as { chromium: Driver };
    const browser = await driver.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
      const tab = await context.newPage();
      const problems: string[] = [];
      tab.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
      });
      tab.on('pageerror', (e) => problems.push(String(e)));
      await tab.goto(`file://${page}`);

      // The page's own style and script ran under its CSP: styled figures, script-sorted table.
      const figureBorder = await tab.evaluate<string>(`getComputedStyle(document.querySelector('.figure')).borderTopStyle`);
      assert.equal(figureBorder, 'solid', 'the nonce-bearing stylesheet applied');
      const names = () => tab.evaluate<string[]>(`[...document.querySelectorAll('#inventory-table tbody tr:not([hidden]) td:first-child strong')].map((e) => e.textContent)`);
      assert.deepEqual(await names(), ['opsAgent', 'researchAgent', 'supportAgent', 'triageAgent']);
      await tab.click('#inventory-table th:nth-child(8) button');
      const radii = await tab.evaluate<number[]>(`[...document.querySelectorAll('#inventory-table tbody tr td:nth-child(8)')].map((e) => Number(e.textContent))`);
      assert.deepEqual(radii, [...radii].sort((a, b) => a - b), 'sorted ascending by blast radius');
      assert.equal(await tab.getAttribute('#inventory-table th:nth-child(8)', 'aria-sort'), 'ascending');
      await tab.click('#inventory-table th:nth-child(8) button');
      assert.equal(await tab.getAttribute('#inventory-table th:nth-child(8)', 'aria-sort'), 'descending');
      assert.deepEqual((await names())[0], 'supportAgent', 'largest blast radius first');
      await tab.fill('#inventory-filter', 'stripe');
      assert.deepEqual(await names(), ['supportAgent']);
      assert.equal(await tab.textContent('#inventory-shown'), '1 of 4 agents');
      await tab.fill('#inventory-filter', '');
      assert.equal((await names()).length, 4);

      // Every label fits inside its node's box, as laid out in Node without a browser to measure.
      const overflow = await tab.evaluate<string[]>(`[...document.querySelectorAll('svg.graph g.node')].flatMap((g) => {
        const box = g.querySelector('rect').getBBox();
        return [...g.querySelectorAll('text')].filter((t) => t.getBBox().width > box.width - 4).map((t) => t.textContent);
      })`);
      assert.deepEqual(overflow, [], 'graph labels overflow their boxes');
      assert.deepEqual(problems, [], 'no CSP violation or script error');

      // Back to document order for the pictures.
      await tab.reload();
      for (const file of await shoot(tab, dir)) assert.deepEqual(fs.readFileSync(file).subarray(0, 8), PNG, file);

      const keep = process.env.AGOV_SCREENSHOTS;
      const demo = path.join(ROOT, 'examples');
      if (keep && fs.existsSync(demo)) {
        fs.mkdirSync(keep, { recursive: true });
        await tab.goto(`file://${exportReport(dir, demo, 'demo.html')}`);
        await shoot(tab, path.resolve(keep));
      }
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
