/**
 * The Markdown report's blast-radius graph is a Mermaid flowchart. It is checked the way a reader sees
 * it: Mermaid itself (the npm package, as GitHub runs it, in strict mode) draws it in Debian's headless
 * Chromium, and the drawing must hold every node with its label as text, hostile labels included.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ReportGraph } from '../../server/src/reporting/graph';
import { renderMermaid } from '../../server/src/reporting/mermaid';
import { findChromium } from '../helpers/chromium';
import { CLI } from '../helpers/lspClient';
import { HOSTILE } from './sampleReport';

const ROOT = path.join(__dirname, '..', '..');
const MERMAID = path.join(ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
const APP = path.join(ROOT, 'test', 'fixtures', 'report-app');

const hostileGraph: ReportGraph = {
  nodes: [
    { id: 'agent:a', kind: 'agent', label: HOSTILE, detail: 'no identity', warn: true },
    { id: 'tool:t', kind: 'tool', label: '"]) --> n0\nclick n0 "javascript:alert(1)"', detail: 'privileged' },
    { id: 'secret:s', kind: 'secret', label: 'STRIPE_SECRET_KEY', detail: 'broad', warn: true },
    { id: 'host:h', kind: 'host', label: 'api.stripe.com' },
    { id: 'delegate:d', kind: 'delegate', label: '`**[x](https://e.example)**` #35; &amp;', detail: 'handoff' },
  ],
  edges: [
    { from: 'agent:a', to: 'tool:t' },
    { from: 'tool:t', to: 'secret:s' },
    { from: 'tool:t', to: 'host:h' },
    { from: 'agent:a', to: 'delegate:d' },
  ],
  omittedAgents: 0,
};

test('every node and edge is written once, labels as entities, warnings outlined', () => {
  const text = renderMermaid(hostileGraph);
  const lines = text.split('\n');
  assert.equal(lines[0], 'flowchart LR');
  assert.equal(lines.filter((l) => /^ {2}n\d+[[({]/.test(l)).length, hostileGraph.nodes.length);
  assert.deepEqual(lines.filter((l) => l.includes('-->')), ['  n0 --> n1', '  n1 --> n2', '  n1 --> n3', '  n0 --> n4']);
  assert.ok(lines.includes('  class n0,n2 warn'));
  // Inside a label nothing but the label's own quotes, and no raw markup or line break.
  for (const line of lines.slice(1, 1 + hostileGraph.nodes.length)) {
    const label = line.replace(/^ {2}n\d+[[({"]+/, '').replace(/["\])}]+$/, '');
    assert.doesNotMatch(label.replace(/<br\/>/g, ''), /["<>`[\]\n]/, line);
  }
});

test('Mermaid draws the Markdown report graph, hostile labels as text', (t) => {
  const chromium = findChromium();
  if (!chromium) {
    t.skip('Chromium is not installed (apt-get install -y chromium)');
    return;
  }
  const r = spawnSync(process.execPath, [CLI, 'scan', APP, '--format', 'markdown', '--fail-on', 'none'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const fromReport = /```mermaid\n([\s\S]*?)\n```/.exec(r.stdout)?.[1];
  assert.ok(fromReport, 'the Markdown report has a mermaid block');

  const diagrams = { report: fromReport, hostile: renderMermaid(hostileGraph) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-mermaid-'));
  const page = path.join(dir, 'page.html');
  // The page draws each diagram with Mermaid and writes what it drew into #out as JSON.
  fs.writeFileSync(
    page,
    `<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="out">pending</pre><div id="stage"></div>
<script src="file://${MERMAID}"></script>
<script>
const diagrams = ${JSON.stringify(diagrams)};
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
(async () => {
  const out = {};
  for (const [name, text] of Object.entries(diagrams)) {
    // The way a Markdown viewer does it: the block's text in an element, drawn by mermaid.run.
    const holder = document.createElement('pre');
    holder.className = 'mermaid';
    holder.textContent = text;
    document.getElementById('stage').append(holder);
    try {
      await mermaid.run({ nodes: [holder] });
      if (!holder.querySelector('svg')) throw new Error('no drawing: ' + holder.textContent.slice(0, 200));
      out[name] = {
        nodes: [...holder.querySelectorAll('g.node')].map((n) => n.textContent.trim()),
        edges: holder.querySelectorAll('path.flowchart-link').length,
        images: holder.querySelectorAll('img, image').length,
        handlers: [...holder.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        links: holder.querySelectorAll('a').length,
      };
    } catch (error) {
      out[name] = { error: String(error && error.message || error) };
    }
  }
  document.getElementById('out').textContent = JSON.stringify(out);
})();
</script></body></html>`,
  );
  const dump = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--allow-file-access-from-files', '--virtual-time-budget=20000', '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 90_000 });
  const json = /<pre id="out">([\s\S]*?)<\/pre>/.exec(dump.stdout)?.[1];
  assert.ok(json && json !== 'pending', `Chromium drew nothing: ${dump.stderr.slice(-1000)}`);
  const drawn = JSON.parse(json.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));

  assert.equal(drawn.report.error, undefined, drawn.report.error);
  assert.deepEqual(drawn.report.nodes.filter((n: string) => /^\w+Agent(?!_)/.test(n)).sort(), ['opsAgentops-runner', 'researchAgentno identity', 'supportAgentsupport-desk', 'triageAgenttriage-desk']);
  assert.ok(drawn.report.nodes.includes('STRIPE_SECRET_KEYbroad'));
  assert.equal(drawn.report.edges, (fromReport.match(/-->/g) ?? []).length);

  assert.equal(drawn.hostile.error, undefined, drawn.hostile.error);
  assert.equal(drawn.hostile.nodes.length, hostileGraph.nodes.length);
  assert.equal(drawn.hostile.edges, hostileGraph.edges.length, 'a label cannot add an edge');
  assert.ok(drawn.hostile.nodes.includes(`${HOSTILE}no identity`), `the hostile name is shown as text: ${JSON.stringify(drawn.hostile.nodes)}`);
  assert.ok(drawn.hostile.nodes.includes('"]) --> n0 click n0 "javascript:alert(1)"privileged'));
  assert.ok(drawn.hostile.nodes.includes('`**[x](https://e.example)**` #35; &amp;handoff'));
  assert.deepEqual([drawn.hostile.images, drawn.hostile.handlers, drawn.hostile.links], [0, 0, 0]);
});
