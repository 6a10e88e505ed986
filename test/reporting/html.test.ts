import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, DomUtils } from 'htmlparser2';
import { renderHtml } from '../../server/src/reporting/html';
import type { Report } from '../../server/src/reporting/report';
import { ruleDocUrl } from '../../server/src/rules/meta';
import { HOSTILE, hostileReport, sampleReport, sampleRules } from './sampleReport';

type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';

function parse(html: string) {
  const document = parseDocument(html);
  const elements = DomUtils.findAll(() => true, document.children) as Element[];
  const byTag = (name: string): Element[] => elements.filter((element) => element.name === name);
  const byId = (id: string): Element | undefined => elements.find((element) => element.attribs.id === id);
  return { document, elements, byTag, byId, text: (node: Element) => DomUtils.textContent(node) };
}

test('the page has a strict CSP and lets only nonce-bearing style and script run', () => {
  const html = renderHtml(sampleReport(), sampleRules(), { nonce: NONCE });
  assert.match(html, /^<!DOCTYPE html>/);
  const { byTag } = parse(html);
  const csp = byTag('meta').find((meta) => meta.attribs['http-equiv'] === 'Content-Security-Policy');
  assert.equal(csp?.attribs.content, `default-src 'none'; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src data:`);
  const styles = byTag('style');
  assert.equal(styles.length, 1);
  for (const element of [...styles, ...byTag('script')]) assert.equal(element.attribs.nonce, NONCE, `<${element.name}> carries the nonce`);
  // No attribute that the policy would block or that could run script.
  for (const element of parse(html).elements) {
    for (const name of Object.keys(element.attribs)) {
      assert.ok(!/^on/i.test(name) && name !== 'style', `<${element.name} ${name}>`);
    }
  }
  // Links go to the rule docs or to the page's own sections, nowhere else.
  for (const link of byTag('a')) assert.match(link.attribs.href, /^(https:\/\/|#[a-z]+$)/);
  // The one script is the page's own, with the nonce; nothing else is inline or loaded.
  const scripts = byTag('script');
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0].attribs.nonce, NONCE);
  assert.equal(scripts[0].attribs.src, undefined);
});

test('the webview cspSource joins the allowed sources', () => {
  const html = renderHtml(sampleReport(), sampleRules(), { nonce: NONCE, cspSource: 'https://*.vscode-cdn.net' });
  assert.ok(
    html.includes(
      `content="default-src 'none'; style-src 'nonce-${NONCE}' https://*.vscode-cdn.net; script-src 'nonce-${NONCE}' https://*.vscode-cdn.net; img-src data: https://*.vscode-cdn.net"`,
    ),
  );
  assert.throws(() => renderHtml(sampleReport(), sampleRules(), { nonce: `x' 'unsafe-inline` }), /nonce/);
  assert.throws(() => renderHtml(sampleReport(), sampleRules(), { nonce: NONCE, cspSource: `https://a; script-src *` }), /cspSource/);
  assert.throws(() => renderHtml(sampleReport(), sampleRules(), { nonce: NONCE, cspSource: `'unsafe-inline'` }), /cspSource/);
  assert.throws(() => renderHtml(sampleReport(), sampleRules(), { nonce: NONCE, cspSource: `https://a "><script>` }), /cspSource/);
  // code-server gives several expressions, the 'self' keyword among them.
  const several = renderHtml(sampleReport(), sampleRules(), { nonce: NONCE, cspSource: `'self' https://*.vscode-cdn.net` });
  assert.ok(several.includes(`script-src 'nonce-${NONCE}' 'self' https://*.vscode-cdn.net;`));
});

test('without a nonce the page gets a deterministic one of its own', () => {
  const first = renderHtml(sampleReport(), sampleRules());
  assert.equal(renderHtml(sampleReport(), sampleRules()), first);
  const nonce = /<style nonce="([^"]+)">/.exec(first)?.[1];
  assert.ok(nonce && nonce.length >= 16);
  assert.ok(first.includes(`style-src 'nonce-${nonce}'`));
  const other = sampleReport();
  other.agents.pop();
  assert.notEqual(/<style nonce="([^"]+)">/.exec(renderHtml(other, sampleRules()))?.[1], nonce);
});

test('a hostile agent name and message render as text, not markup', () => {
  const report = hostileReport();
  const html = renderHtml(report, sampleRules(), { nonce: NONCE });
  assert.ok(!html.includes('<img'), 'raw tag absent');
  assert.ok(!html.includes('<b>owner'), 'raw tag absent');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'escaped form present');
  const { byTag, byId, text } = parse(html);
  assert.equal(byTag('img').length, 0);
  assert.equal(byTag('b').length, 0);
  assert.equal(byTag('script').length, 1, 'only the page script');
  assert.ok(!byTag('script')[0].children.some((c) => DomUtils.textContent(c as Element).includes('onerror')), 'no report text in the script');
  // The parsed text is exactly the hostile string: it survived as text.
  const inventory = byId('inventory')!;
  const firstRow = DomUtils.findAll((element) => element.name === 'tr', inventory.children)[1];
  const nameCell = DomUtils.findAll((element) => element.name === 'td', firstRow.children)[0];
  assert.ok(text(nameCell).startsWith(`${HOSTILE}|evil\`code\` [x](https://evil.example)`));
  assert.ok(!text(nameCell).includes('\u001b'), 'control characters are shown, not sent');
  assert.ok(text(byId('findings')!).includes(`uses tool '${HOSTILE}' | col |`));
  assert.ok(text(byId('findings')!).includes(`suppressed: reviewed ${HOSTILE}`));
});

test('summary figures, inventory and findings grouped by rule', () => {
  const report = sampleReport();
  const { byId, text, byTag } = parse(renderHtml(report, sampleRules(), { nonce: NONCE }));
  const figures = Object.fromEntries(
    DomUtils.findAll((element) => element.name === 'div' && element.attribs.class?.startsWith('figure'), byId('summary')!.children).map((figure) => [
      text(DomUtils.findOne((element) => element.name === 'dt', figure.children)!),
      Number(text(DomUtils.findOne((element) => element.name === 'dd', figure.children)!)),
    ]),
  );
  // Agents; with a real owner (chatRoute's TODO is a placeholder); distinct broad secrets; AG302/AG301/AG103 counts.
  assert.deepEqual(figures, {
    Agents: 4,
    'With an owner': Number.NaN,
    'Broad secrets': 2,
    'Unguarded privileged tools': 0,
    'Memory-to-tool flows': 1,
    'Expired identities': 0,
  });
  const share = DomUtils.findAll((element) => element.name === 'div' && element.attribs.class?.startsWith('figure'), byId('summary')!.children)[1];
  assert.equal(text(share).replace(/\s+/g, ' '), 'With an owner50%2 of 4 (50%)');
  assert.match(text(byId('summary')!), /8 open findings: 1 error · 6 warnings · 1 info · 1 suppressed/);

  const rows = DomUtils.findAll((element) => element.name === 'tr', byId('inventory')!.children).slice(1);
  const cells = rows.map((row) => DomUtils.findAll((element) => element.name === 'td', row.children).map(text));
  assert.deepEqual(cells[1], ['researchAgentsrc/agents/research.ts:8:23', 'no identity', 'no owner', 'openai-agents', '1webSearch', '1SEARCH_API_KEY', '0', '2', '1 warning']);
  assert.deepEqual(cells[2].slice(0, 6), ['billingGraphsrc/graphs/billing.ts:30:7', 'billing-graph', '@acme/payments', 'langchain', '3chargeCard, erp_createInvoice, erp_deleteInvoice', '3AWS_SECRET_ACCESS_KEY, ERP_TOKEN, STRIPE_RESTRICTED_KEY']);
  assert.equal(cells[2][7], '12');
  assert.equal(cells[3][2], 'TODO (placeholder)');
  // Sorting reads data-sort: numbers for the count columns.
  const sortKeys = DomUtils.findAll((element) => element.name === 'td', rows[2].children).map((td) => td.attribs['data-sort']);
  assert.deepEqual(sortKeys.slice(4), ['3', '3', '2', '12', '3']);
  // Without sourceUri (a file export) locations are text, not links.
  assert.equal(DomUtils.findAll((element) => element.attribs['data-uri'] !== undefined, byId('inventory')!.children).length, 0);

  const ruleSections = DomUtils.findAll((element) => element.name === 'section' && element.attribs.class === 'rule', byId('findings')!.children);
  assert.deepEqual(
    ruleSections.map((section) => section.attribs.id),
    ['rule-AG101', 'rule-AG102', 'rule-AG104', 'rule-AG105', 'rule-AG201', 'rule-AG205', 'rule-AG301', 'rule-AG401'],
  );
  for (const section of ruleSections) {
    const id = section.attribs.id.slice('rule-'.length);
    const link = DomUtils.findOne((element) => element.name === 'a', section.children)!;
    assert.equal(link.attribs.href, ruleDocUrl(id));
    const findingRows = DomUtils.findAll((element) => element.name === 'tr', section.children).slice(1);
    assert.equal(findingRows.length, report.findings.filter((finding) => finding.ruleId === id).length);
  }
  const suppressed = byTag('tr').filter((row) => row.attribs.class === 'suppressed');
  assert.equal(suppressed.length, 1);
  assert.ok(text(suppressed[0]).includes('suppressed: bucket policy narrows this to the invoices bucket'));
  const flow = byId('rule-AG301')!;
  assert.deepEqual(
    DomUtils.findAll((element) => element.name === 'li', flow.children).map(text),
    ['src/agents/support.ts:30:17 thread memory is recalled here', "src/tools/billing.ts:10:14 tool 'refundPayment' is defined here"],
  );
  // No graph section until there is a graph to show.
  assert.equal(byId('graph'), undefined);
});

test('colours and fonts follow VS Code theme variables with fallbacks', () => {
  const html = renderHtml(sampleReport(), sampleRules(), { nonce: NONCE });
  for (const variable of ['--vscode-editor-foreground', '--vscode-editor-background', '--vscode-font-family', '--vscode-editorError-foreground']) {
    assert.match(html, new RegExp(`var\\(${variable}, [^)]+\\)`));
  }
});

test('an empty report says so', () => {
  const empty: Report = { schemaVersion: 1, tool: { name: 'agent-governance', version: '0.1.0' }, agents: [], findings: [] };
  const { byId, text } = parse(renderHtml(empty, sampleRules(), { nonce: NONCE }));
  assert.ok(text(byId('inventory')!).includes('No agents found.'));
  assert.ok(text(byId('findings')!).includes('No findings.'));
});
