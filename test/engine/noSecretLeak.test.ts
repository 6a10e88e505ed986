import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { matchCredential } from '../../server/src/engine/credentials';
import { Engine, type AnalysisResult } from '../../server/src/engine/engine';
import { buildReport } from '../../server/src/reporting/buildReport';
import { buildGraph } from '../../server/src/reporting/graph';
import { renderHtml } from '../../server/src/reporting/html';
import { renderMarkdown } from '../../server/src/reporting/markdown';
import { renderSarif } from '../../server/src/reporting/sarif';
import { renderText } from '../../server/src/reporting/text';
import { ruleMetas } from '../../server/src/rules';

/**
 * DESIGN.md: "No output of any format, and no diagnostic, ever contains a secret's value."
 * Every credential shape the engine knows is written as an agent-reachable literal, the real engine
 * analyses the workspace, and every output is searched for the value and for any 8-character piece of
 * its secret part. Only the redacted prefix (`sk_live_…`) may appear.
 *
 * The fake values are generated here at run time from a seeded generator, so this file holds no
 * credential and the values cannot collide with text the report prints anyway.
 */

function generator(seed: number): (alphabet: string, length: number) => string {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (alphabet, length) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const fill = generator(20261204);

interface FakeCredential {
  label: string;
  /** The whole literal as written in code. */
  value: string;
  /** The part that must never be printed: the value minus its recognisable, printable prefix. */
  secret: string;
  /** The property the literal is assigned to (matters for the entropy rule). */
  property: string;
}

function fake(label: string, prefix: string, body: string, property = 'token', suffix = ''): FakeCredential {
  return { label, value: prefix + body + suffix, secret: body, property };
}

const pemBody = Array.from({ length: 4 }, () => fill(ALNUM + '+/', 64)).join('\\n');
const CREDENTIALS: FakeCredential[] = [
  fake('OpenAI API key', 'sk-', fill(ALNUM, 48), 'apiKey'),
  fake('OpenAI project key', 'sk-proj-', fill(ALNUM, 48), 'apiKey'),
  fake('OpenAI admin key', 'sk-admin-', fill(ALNUM, 48), 'adminKey'),
  fake('Anthropic API key', 'sk-ant-', `api03-${fill(ALNUM, 48)}`, 'apiKey'),
  fake('Stripe live secret key', 'sk_live_', fill(ALNUM, 32), 'secretKey'),
  fake('Stripe live restricted key', 'rk_live_', fill(ALNUM, 32), 'restrictedKey'),
  fake('AWS access key id', 'AKIA', fill(UPPER + DIGITS, 16), 'accessKeyId'),
  fake('GitHub classic token', 'ghp_', fill(ALNUM, 36), 'auth'),
  fake('GitHub fine-grained token', 'github_pat_', `${fill(ALNUM, 22)}_${fill(ALNUM, 59)}`, 'auth'),
  fake('Slack bot token', 'xoxb-', `${fill(DIGITS, 12)}-${fill(DIGITS, 13)}-${fill(ALNUM, 24)}`, 'token'),
  fake('Google API key', 'AIza', fill(ALNUM + '_-', 35), 'key'),
  fake('JWT bearer token', 'Bearer eyJ', `${fill(ALNUM, 20)}.eyJ${fill(ALNUM, 40)}.${fill(ALNUM + '_-', 43)}`, 'Authorization'),
  fake('PEM private key', '-----BEGIN RSA PRIVATE KEY-----\\n', pemBody, 'privateKey', '\\n-----END RSA PRIVATE KEY-----'),
  fake('high-entropy apiKey', '', fill(ALNUM, 40), 'apiKey'),
];

/** Every 8-character piece of a secret, so a partial print (a prefix, a middle, a tail) is caught too. */
function pieces(secret: string): string[] {
  const raw = secret.replace(/\\n/g, '\n');
  const out = new Set<string>();
  for (let i = 0; i + 8 <= raw.length; i++) {
    const piece = raw.slice(i, i + 8);
    if (!piece.includes('\n')) out.add(piece);
  }
  return [...out];
}

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-leak-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

function toolsFile(credentials: FakeCredential[]): string {
  const entries = credentials.map((c, i) => `  c${i}: { ${c.property}: '${c.value}' },`).join('\n');
  return `import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

const vendors = {
${entries}
};

export const callVendors = createTool({
  id: 'call-vendors',
  description: 'Call every vendor once.',
  inputSchema: z.object({ path: z.string() }),
  execute: async ({ path }) => {
    const res = await fetch('https://vendors.internal.example' + path, { method: 'POST', body: JSON.stringify(vendors) });
    return res.ok;
  },
});
`;
}

const AGENT = `import { Agent } from '@mastra/core/agent';
import { callVendors } from './tools';

/**
 * @agentIdentity vendor-caller
 * @owner team-integrations
 * @tools call-vendors
 * @memory none
 */
export const vendorCaller = new Agent({
  id: 'vendor-caller',
  name: 'Vendor Caller',
  instructions: 'Call the vendors.',
  model: 'openai/gpt-4.1',
  tools: { callVendors },
});
`;

/** Every text a user can see: the five formats, and each finding's message, related messages and fix titles. */
function outputs(engine: Engine, result: AnalysisResult): [string, string][] {
  const report = buildReport(engine, result, '0.0.0-test');
  const rules = ruleMetas();
  const texts: [string, string][] = [
    ['text', renderText(report)],
    ['text (colour)', renderText(report, { color: true })],
    ['json', JSON.stringify(report, null, 2)],
    ['markdown', renderMarkdown(report, rules)],
    ['html', renderHtml(report, rules, { graph: buildGraph(engine, result) })],
    ['sarif', JSON.stringify(renderSarif(report, rules, { toolVersion: '0.0.0-test' }))],
  ];
  for (const finding of result.findings) {
    const where = `${finding.ruleId} ${path.basename(finding.span.file)}:${finding.span.start}`;
    texts.push([`${where} message`, finding.message]);
    for (const related of finding.related) texts.push([`${where} related`, related.message]);
    for (const fix of finding.fixes) {
      texts.push([`${where} fix title`, fix.title]);
      for (const edit of fix.edits) texts.push([`${where} fix edit`, edit.newText]);
    }
  }
  return texts;
}

function assertNoLeak(texts: [string, string][], credentials: FakeCredential[]): void {
  const leaks: string[] = [];
  for (const c of credentials) {
    // Case-insensitive: a lower-cased copy of a key (a host name, say) is still the key.
    const needles = [c.value.replace(/\\n/g, '\n'), c.value, ...pieces(c.secret)].map((n) => n.toLowerCase());
    for (const [name, raw] of texts) {
      const text = raw.toLowerCase();
      const hit = needles.find((n) => text.includes(n));
      if (hit) leaks.push(`${name} contains part of the ${c.label} ('${hit.slice(0, 4)}…')`);
    }
  }
  assert.deepEqual(leaks, []);
}

describe('no output ever contains a secret value', () => {
  test('the generated values are the shapes the engine recognises', () => {
    for (const c of CREDENTIALS) {
      assert.ok(matchCredential(c.value.replace(/\\n/g, '\n'), c.property), `${c.label} is recognised`);
      assert.ok(pieces(c.secret).length > 0, `${c.label} has a secret part to look for`);
    }
  });

  test('every token shape as an agent-reachable literal: reported as AG203, never printed', () => {
    const root = workspace({
      'package.json': JSON.stringify({ name: 'leak-check', private: true, type: 'module', dependencies: { '@mastra/core': '1.71.0', zod: '4.6.7' } }),
      'src/tools.ts': toolsFile(CREDENTIALS),
      'src/agent.ts': AGENT,
    });
    const engine = new Engine({ root, today: () => '2026-12-04' });
    const result = engine.analyze();
    const text = fs.readFileSync(path.join(root, 'src/tools.ts'), 'utf8');
    // Each literal is reported: otherwise the test would prove nothing about that shape.
    const reported = result.findings.filter((f) => f.ruleId === 'AG203').map((f) => text.slice(f.span.start, f.span.end));
    for (const c of CREDENTIALS) assert.ok(reported.some((r) => r.includes(c.value)), `${c.label} is reported as AG203`);
    // The redacted prefix is how a reader recognises the kind of key.
    const messages = result.findings.filter((f) => f.ruleId === 'AG203').map((f) => f.message).join('\n');
    for (const prefix of ['sk_live_…', 'rk_live_…', 'AKIA…', 'ghp_…', 'github_pat_…', 'xoxb-…', 'AIza…', 'sk-proj-…', 'sk-admin-…', 'sk-ant-…']) assert.ok(messages.includes(prefix), `messages name ${prefix}`);
    assertNoLeak(outputs(engine, result), CREDENTIALS);
  });

  test('the same literals in the agent configuration are never printed either', () => {
    const model = CREDENTIALS[1];
    const root = workspace({
      'package.json': JSON.stringify({ name: 'leak-check-config', private: true, type: 'module' }),
      'src/tools.ts': toolsFile(CREDENTIALS.slice(4, 8)),
      'src/agent.ts': AGENT.replace("model: 'openai/gpt-4.1',", `model: { id: 'openai/gpt-4.1', apiKey: '${model.value}' },`),
    });
    const engine = new Engine({ root, today: () => '2026-12-04' });
    assertNoLeak(outputs(engine, engine.analyze()), CREDENTIALS);
  });

  test('a key written into a URL (basic-auth user info) is never printed as a host', () => {
    const stripeKey = CREDENTIALS[4];
    const githubToken = CREDENTIALS[7];
    const root = workspace({
      'package.json': JSON.stringify({ name: 'leak-check-url', private: true, type: 'module' }),
      'src/tools.ts': `import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

export const callVendors = createTool({
  id: 'call-vendors',
  description: 'List recent charges.',
  inputSchema: z.object({}),
  execute: async () => {
    const res = await fetch('https://${stripeKey.value}:@api.stripe.com/v1/charges?limit=3');
    const mirror = await fetch('https://${githubToken.value}@github.com/acme/handbook/archive/main.zip');
    return { charges: await res.json(), handbook: mirror.ok };
  },
});
`,
      'src/agent.ts': AGENT,
    });
    const engine = new Engine({ root, today: () => '2026-12-04' });
    assertNoLeak(outputs(engine, engine.analyze()), [stripeKey, githubToken]);
  });
});
