import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { Engine } from '../../server/src/engine/engine';
import { DEFAULT_POLICY } from '../../server/src/engine/policy';
import { buildGraph, graphOf, MAX_GRAPH_NODES, type ReportGraph } from '../../server/src/reporting/graph';
import { layoutGraph, renderGraphSvg, textWidth } from '../../server/src/reporting/graphSvg';
import { renderHtml } from '../../server/src/reporting/html';
import type { AgentModel } from '../../server/src/model/types';
import { HOSTILE, hostileReport, sampleReport, sampleRules } from './sampleReport';

const APP = path.join(__dirname, '..', 'fixtures', 'report-app');
const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';

function appGraph(): ReportGraph {
  const engine = new Engine({ root: APP, today: () => '2026-05-01' });
  return buildGraph(engine, engine.analyze());
}

test('the graph links agents to tools to secrets and hosts, and agents to their delegates', () => {
  const graph = appGraph();
  const label = (id: string) => graph.nodes.find((n) => n.id === id)!.label;
  const edges = graph.edges.map((e) => `${label(e.from)} -> ${label(e.to)}`).sort();
  assert.deepEqual(edges, [
    'issueRefund -> STRIPE_SECRET_KEY',
    'opsAgent -> restart_service',
    'researchAgent -> web_search',
    'restart_service -> AWS_SECRET_ACCESS_KEY',
    'searchTickets -> ZENDESK_TOKEN',
    'searchTickets -> acme.zendesk.com',
    'supportAgent -> issueRefund',
    'supportAgent -> searchTickets',
    'triageAgent -> researchAgent',
    'web_search -> SEARCH_API_KEY',
    'web_search -> api.search.example',
  ]);
  const node = (l: string) => graph.nodes.find((n) => n.label === l)!;
  assert.equal(node('researchAgent').warn, true, 'no identity');
  assert.equal(node('researchAgent').detail, 'no identity');
  assert.equal(node('supportAgent').detail, 'support-desk');
  assert.equal(node('issueRefund').warn, true, 'privileged, no approval gate');
  assert.equal(node('issueRefund').detail, 'privileged');
  assert.ok(!node('searchTickets').warn);
  assert.equal(node('STRIPE_SECRET_KEY').warn, true, 'broad');
  assert.deepEqual(node('supportAgent').location, { file: 'src/agents/support.ts', line: 14, column: 29 });
  assert.equal(graph.omittedAgents, 0);
});

test('the layout places every node inside the drawing without overlaps, labels sized to fit', () => {
  const laid = layoutGraph(appGraph());
  assert.ok(laid.width > 0 && laid.height > 0);
  for (const n of laid.nodes) {
    assert.ok(n.x - n.width / 2 >= 0 && n.x + n.width / 2 <= laid.width, `${n.label} inside horizontally`);
    assert.ok(n.y - n.height / 2 >= 0 && n.y + n.height / 2 <= laid.height, `${n.label} inside vertically`);
    assert.ok(n.width >= Math.max(...n.lines.map((l, i) => textWidth(l, i > 0))), `${n.label} wide enough`);
  }
  for (const a of laid.nodes) {
    for (const b of laid.nodes) {
      if (a === b) continue;
      const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width || Math.abs(a.y - b.y) * 2 >= a.height + b.height;
      assert.ok(apart, `${a.label} and ${b.label} do not overlap`);
    }
  }
  // Agents are left of their tools, tools left of what they reach.
  const x = (label: string) => laid.nodes.find((n) => n.label === label)!.x;
  assert.ok(x('supportAgent') < x('issueRefund') && x('issueRefund') < x('STRIPE_SECRET_KEY'));
  for (const e of laid.edges) assert.ok(e.points.length >= 2);
});

test('the SVG escapes labels and carries source links only when asked', () => {
  const graph: ReportGraph = {
    nodes: [
      { id: 'agent:1', kind: 'agent', label: HOSTILE, detail: `"><script>alert(1)</script>`, location: { file: `src/${HOSTILE}.ts`, line: 3, column: 5 } },
      { id: 'secret:X', kind: 'secret', label: 'X', warn: true },
    ],
    edges: [{ from: 'agent:1', to: 'secret:X' }],
    omittedAgents: 0,
  };
  const plain = renderGraphSvg(layoutGraph(graph));
  assert.ok(!plain.includes('<img') && !plain.includes('<script'));
  assert.ok(plain.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!plain.includes('data-uri'));
  const linked = renderGraphSvg(layoutGraph(graph), { sourceUri: (file) => `file:///ws/${file}` });
  const doc = parseDocument(linked, { xmlMode: true });
  const g = DomUtils.findAll((e) => e.attribs['data-uri'] !== undefined, doc.children);
  assert.equal(g.length, 1);
  assert.equal(g[0].attribs['data-uri'], `file:///ws/src/${HOSTILE}.ts`, 'the attribute value round-trips exactly');
  assert.equal(g[0].attribs['data-line'], '3');
  assert.equal(DomUtils.findAll((e) => e.name === 'script' || e.name === 'img', doc.children).length, 0);
  assert.ok(linked.includes('class="node secret warn"'));
});

test('a huge workspace keeps the graph readable: the busiest agents first, the rest counted', () => {
  const agents: AgentModel[] = Array.from({ length: 400 }, (_, i) => ({
    key: `f.ts:${i}`,
    name: `agent${i}`,
    framework: 'mastra',
    span: { file: 'f.ts', start: i, end: i + 1 },
    host: { span: { file: 'f.ts', start: i, end: i + 1 }, insertAt: 0, indent: '' },
    declaration: null,
    tools: [],
    memory: [],
    delegates: [],
    ownReach: { secrets: i === 399 ? [{ name: 'S', span: { file: 'f.ts', start: 0, end: 1 }, form: 'env-property', via: [] }] : [], hosts: [], envExposures: [], effects: [], credentials: [], scopes: [], agentRefs: [] },
    agentApprovals: new Map(),
  }));
  const graph = graphOf(
    { model: { agents, tools: [], mcpServers: [], memoryFlows: [] }, observed: new Map(), policy: { policy: DEFAULT_POLICY, problems: [] } } as never,
    (span) => ({ file: span.file, line: 1, column: span.start + 1 }),
    agents,
  );
  assert.ok(graph.nodes.length <= MAX_GRAPH_NODES);
  assert.equal(graph.omittedAgents, 400 - (MAX_GRAPH_NODES - 1));
  assert.equal(graph.nodes[0].label, 'agent399', 'the agent with reach comes first');
});

test('the report page in webview mode: hostile names escaped, CSP with nonce, no script without it, links to source', () => {
  const report = hostileReport();
  const html = renderHtml(report, sampleRules(), {
    nonce: NONCE,
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    sourceUri: (file) => `file:///ws/${file}`,
    graph: { nodes: [{ id: 'a', kind: 'agent', label: report.agents[0].name, location: report.agents[0].location }], edges: [], omittedAgents: 0 },
  });
  const doc = parseDocument(html);
  const all = DomUtils.findAll(() => true, doc.children);
  assert.equal(all.filter((e) => e.name === 'img').length, 0);
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  const csp = all.find((e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy');
  assert.ok(csp?.attribs.content.startsWith(`default-src 'none'; style-src 'nonce-${NONCE}' https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-${NONCE}'`));
  const scripts = all.filter((e) => e.name === 'script');
  assert.equal(scripts.length, 1);
  assert.ok(scripts.every((s) => s.attribs.nonce === NONCE));
  for (const element of all) for (const name of Object.keys(element.attribs)) assert.ok(!/^on/i.test(name) && name !== 'style', `<${element.name} ${name}>`);
  const links = all.filter((e) => e.attribs['data-uri'] !== undefined);
  assert.ok(links.some((e) => e.attribs['data-uri'] === `file:///ws/src/${HOSTILE}|.ts`), 'finding location survives as an exact attribute value');
  assert.ok(links.some((e) => e.name === 'g'), 'graph nodes link too');
});

test('the page has a graph section exactly when there is a graph', () => {
  const without = renderHtml(sampleReport(), sampleRules(), { nonce: NONCE });
  assert.ok(!without.includes('id="graph"'));
  assert.ok(!without.includes('href="#graph"'));
  const withGraph = renderHtml(sampleReport(), sampleRules(), { nonce: NONCE, graph: appGraph() });
  assert.ok(withGraph.includes('<section id="graph">'));
  assert.ok(withGraph.includes('href="#graph"'));
  assert.equal((withGraph.match(/<svg /g) ?? []).length, 1);
});
