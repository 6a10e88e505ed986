import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { parseDocument, DomUtils } from 'htmlparser2';
import { renderMarkdown } from '../../server/src/reporting/markdown';
import type { Report } from '../../server/src/reporting/report';
import { ruleDocUrl } from '../../server/src/rules/meta';
import { HOSTILE, hostileReport, sampleReport, sampleRules } from './sampleReport';

type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

/** Renders Markdown the way a permissive host would: GFM tables and raw HTML passed through. */
function toHtml(markdown: string) {
  const html = new MarkdownIt({ html: true, linkify: false }).render(markdown);
  const document = parseDocument(html);
  const all = (name: string, root: { children: Element['children'] } = document): Element[] =>
    DomUtils.findAll((element) => element.name === name, root.children);
  return { html, all, text: (node: Element) => DomUtils.textContent(node) };
}

/** Cells of a table line, split on pipes that are not backslash-escaped. */
const cells = (line: string): string[] => line.replace(/^\|\s?|\s?\|$/g, '').split(/\s?(?<!\\)\|\s?/);

test('summary figures, inventory table and findings grouped by rule with doc links', () => {
  const report = sampleReport();
  const markdown = renderMarkdown(report, sampleRules());
  const { all, text } = toHtml(markdown);
  const tables = all('table');
  const rowsOf = (table: Element): string[][] => all('tr', table).map((row) => [...all('th', row), ...all('td', row)].map(text));

  assert.deepEqual(rowsOf(tables[0]), [
    ['Agents', 'Agents without identity', 'Errors', 'Warnings', 'Info', 'Suppressed'],
    ['4', '1', '1', '6', '1', '1'],
  ]);
  assert.ok(markdown.includes('\n2 of 4 (50%) agents with an owner · 2 broad secrets · 0 unguarded privileged tools · 1 memory-to-tool flow · 0 expired identities\n'));
  const inventory = rowsOf(tables[1]);
  assert.equal(inventory.length, 1 + report.agents.length);
  assert.deepEqual(inventory[2], ['researchAgent', 'no identity', 'no owner', 'openai-agents', '1', '1', '0', '0', '1', '2', 'src/agents/research.ts:8:23']);
  assert.deepEqual(inventory[1].slice(0, 6), ['supportAgent', 'support-triage', 'team-support', 'mastra', '2', '2 (1 broad)']);

  const headings = all('h3');
  const ruleIds = [...new Set(report.findings.map((finding) => finding.ruleId))].sort();
  assert.deepEqual(headings.map((heading) => text(heading).split(' ')[0]), ruleIds);
  for (const [i, heading] of headings.entries()) {
    const link = DomUtils.findOne((element) => element.name === 'a', heading.children)!;
    assert.equal(link.attribs.href, ruleDocUrl(ruleIds[i]));
    const findingRows = rowsOf(tables[2 + i]).slice(1);
    assert.equal(findingRows.length, report.findings.filter((finding) => finding.ruleId === ruleIds[i]).length);
  }
  const broadSecret = rowsOf(tables[2 + ruleIds.indexOf('AG201')]).slice(1);
  assert.deepEqual(broadSecret.map((row) => row[1]), ['src/clients/s3.ts:4:19', 'src/tools/billing.ts:3:28']);
  assert.ok(broadSecret[0][3].includes('AWS_SECRET_ACCESS_KEY'), 'names read as written');
  const wildcard = rowsOf(tables[2 + ruleIds.indexOf('AG205')])[1];
  assert.equal(wildcard[5], 'suppressed: bucket policy narrows this to the invoices bucket');
  assert.ok(wildcard[3].includes("'s3:*'"));
  const flow = rowsOf(tables[2 + ruleIds.indexOf('AG301')])[1];
  assert.ok(flow[4].includes('src/agents/support.ts:30:17 thread memory is recalled here'));
});

test('a hostile agent name and message render as text and cannot break a table', () => {
  const report = hostileReport();
  const markdown = renderMarkdown(report, sampleRules());
  assert.ok(!markdown.includes('<img'), 'raw tag absent');
  assert.ok(!markdown.includes('<b>'), 'raw tag absent');
  assert.ok(markdown.includes('&lt;img src=x onerror=alert(1)&gt;'), 'escaped form present');
  assert.ok(markdown.includes('\\|evil'), 'pipe escaped');
  assert.ok(!markdown.includes('\u001b'));

  // Every table line has exactly as many cells as its header.
  const lines = markdown.split('\n');
  let columns = 0;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = 0;
      continue;
    }
    if (columns === 0) columns = cells(line).length;
    else assert.equal(cells(line).length, columns, line);
  }

  const { all, text } = toHtml(markdown);
  assert.equal(all('img').length, 0);
  assert.equal(all('b').length, 0);
  assert.equal(all('code').length, 0, 'backticks do not open code spans');
  assert.ok(all('a').every((link) => link.attribs.href.startsWith('https://github.com/')), 'no injected link');
  for (const table of all('table')) {
    const header = all('th', table).length;
    for (const row of all('tr', table).slice(1)) assert.equal(all('td', row).length, header);
  }
  const agentCell = all('td', all('table')[1])[0];
  assert.ok(text(agentCell).startsWith(`${HOSTILE}|evil\`code\` [x](https://evil.example) second line`));
});

test('an empty report says so', () => {
  const empty: Report = { schemaVersion: 1, tool: { name: 'agent-governance', version: '0.1.0' }, agents: [], findings: [] };
  const markdown = renderMarkdown(empty, sampleRules());
  assert.ok(markdown.includes('No agents found.'));
  assert.ok(markdown.includes('No findings.'));
});
