/**
 * The TextMate injection grammar that highlights identity-declaration tags inside JSDoc. VS Code runs the
 * grammar with Oniguruma; the patterns are written in the subset that JavaScript's RegExp shares with it,
 * so these tests can run them directly on sample comment lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const grammarPath = path.resolve(__dirname, '../syntaxes/identity-tags.injection.tmLanguage.json');

interface Captures {
  [index: string]: { name?: string };
}
interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  patterns?: Rule[];
  include?: string;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as Grammar;

const TAGS = ['agentIdentity', 'owner', 'purpose', 'tools', 'secrets', 'memory', 'delegates', 'review', 'reviewed', 'expires'];

function rule(tag: string): Rule {
  const r = grammar.repository[tag];
  assert.ok(r, `no repository rule for @${tag}`);
  return r;
}

/** The regex that recognises the tag itself: `match` for one-value tags, `begin` for list tags. */
function tagRegex(tag: string): RegExp {
  const r = rule(tag);
  const source = r.match ?? r.begin;
  assert.ok(source, `@${tag} has neither match nor begin`);
  return new RegExp(source);
}

function tagCaptures(tag: string): Captures {
  const r = rule(tag);
  return (r.match ? r.captures : r.beginCaptures) ?? {};
}

/** Runs the tag's regex on a line and returns the groups, or null when the tag is not recognised. */
function run(tag: string, line: string): RegExpExecArray | null {
  return tagRegex(tag).exec(line);
}

function innerPattern(tag: string, scopePrefix: string): RegExp {
  const inner = rule(tag).patterns?.find((p) => p.match && p.name?.startsWith(scopePrefix));
  assert.ok(inner?.match, `@${tag} has no inner pattern scoped ${scopePrefix}`);
  return new RegExp(`^(?:${inner.match})$`);
}

function walk(r: Rule, visit: (r: Rule) => void): void {
  visit(r);
  for (const p of r.patterns ?? []) walk(p, visit);
}

test('grammar identifies itself as an injection into JSDoc comments', () => {
  assert.equal(grammar.scopeName, 'agent-governance.identity-tags.injection');
  assert.equal(grammar.injectionSelector, 'L:comment.block.documentation');
});

test('the top-level patterns include a rule for every declaration tag', () => {
  const included = grammar.patterns.map((p) => p.include);
  for (const tag of TAGS) {
    assert.ok(included.includes(`#${tag}`), `@${tag} is not included in patterns`);
    rule(tag);
  }
});

test('every regex in the grammar compiles as a JavaScript RegExp', () => {
  for (const [key, r] of Object.entries(grammar.repository)) {
    walk(r, (x) => {
      for (const source of [x.match, x.begin, x.end]) {
        if (source !== undefined) assert.doesNotThrow(() => new RegExp(source), `${key}: ${source}`);
      }
    });
  }
});

test('the tag itself is scoped like other JSDoc tags', () => {
  for (const tag of TAGS) {
    const caps = tagCaptures(tag);
    assert.equal(caps['1']?.name, 'storage.type.class.jsdoc', `@${tag} tag scope`);
    assert.equal(caps['2']?.name, 'punctuation.definition.block.tag.jsdoc', `@${tag} @ scope`);
  }
});

test('each tag is recognised at the start of a JSDoc line and in a one-line block', () => {
  const samples: Record<string, string> = {
    agentIdentity: 'support-triage',
    owner: 'team-payments',
    purpose: 'Route incoming chats',
    tools: 'read_ticket, mcp:github',
    secrets: 'STRIPE_RESTRICTED_KEY(refunds:write)',
    memory: 'thread, semantic',
    delegates: 'billing-refunds',
    review: '90d',
    reviewed: '2026-11-30',
    expires: '2099-01-01',
  };
  for (const tag of TAGS) {
    for (const line of [` * @${tag} ${samples[tag]}`, `/** @${tag} ${samples[tag]} */`, `*\t@${tag}`]) {
      const m = run(tag, line);
      assert.ok(m, `@${tag} not recognised in ${JSON.stringify(line)}`);
      assert.equal(m[1], `@${tag}`);
    }
  }
});

test('a longer word that starts with a tag name is not that tag', () => {
  const negatives: [string, string][] = [
    ['owner', ' * @ownerx team-a'],
    ['owner', ' * @owners team-a'],
    ['owner', ' * @owner-team a'],
    ['tools', ' * @toolset a'],
    ['secrets', ' * @secretsManager a'],
    ['memory', ' * @memoryKind thread'],
    ['delegates', ' * @delegatesTo a'],
    ['agentIdentity', ' * @agentIdentityId x'],
    ['purpose', ' * @purposes x'],
    ['expires', ' * @expiresAt 2099-01-01'],
    ['review', ' * @reviewed 2026-01-01'],
    ['review', ' * @reviewer jane'],
    ['reviewed', ' * @review 90d'],
  ];
  for (const [tag, line] of negatives) assert.equal(run(tag, line), null, `@${tag} wrongly matched ${JSON.stringify(line)}`);
});

test('a tag name inside an email address or another word is not a tag', () => {
  assert.equal(run('owner', ' * Contact jane@owner.example for access'), null);
  assert.equal(run('tools', ' * see docs@tools.acme.example'), null);
  assert.equal(run('expires', ' * token.@expires 2020-01-01'), null);
  assert.equal(run('review', ' * code$@review 90d'), null);
});

test('@agentIdentity marks kebab-case ids as names and anything else as invalid', () => {
  const caps = tagCaptures('agentIdentity');
  assert.equal(caps['3']?.name, 'variable.other.jsdoc');
  assert.match(caps['4']?.name ?? '', /^invalid\./);
  assert.equal(run('agentIdentity', ' * @agentIdentity support-triage')?.[3], 'support-triage');
  assert.equal(run('agentIdentity', ' * @agentIdentity support-triage */')?.[3], 'support-triage');
  const bad = run('agentIdentity', ' * @agentIdentity Support_Triage');
  assert.equal(bad?.[3], undefined);
  assert.equal(bad?.[4], 'Support_Triage');
});

test('@owner marks placeholders as invalid and real owners as strings', () => {
  const caps = tagCaptures('owner');
  assert.match(caps['3']?.name ?? '', /^invalid\.illegal\./);
  assert.match(caps['4']?.name ?? '', /^string\./);
  for (const placeholder of ['TODO', 'todo', 'TBD', 'FIXME', 'unknown', '???']) {
    const m = run('owner', ` * @owner ${placeholder}`);
    assert.equal(m?.[3], placeholder, placeholder);
    assert.equal(m?.[4], undefined, placeholder);
  }
  for (const owner of ['team-payments', '@acme/payments', 'jane@acme.example', 'TODO-list-team']) {
    const m = run('owner', ` * @owner ${owner}`);
    assert.equal(m?.[3], undefined, owner);
    assert.equal(m?.[4], owner, owner);
  }
  assert.equal(run('owner', '/** @owner team-payments */')?.[4], 'team-payments');
});

test('@review values are durations; malformed cadences are invalid', () => {
  const caps = tagCaptures('review');
  assert.match(caps['3']?.name ?? '', /^constant\.numeric\./);
  for (const cadence of ['30d', '12w', '6m', '1y']) assert.equal(run('review', ` * @review ${cadence}`)?.[3], cadence);
  for (const bad of ['quarterly', '0d', '90', 'd90']) {
    const m = run('review', ` * @review ${bad}`);
    assert.equal(m?.[3], undefined, bad);
    assert.equal(m?.[4], bad, bad);
  }
});

test('@reviewed and @expires values are dates scoped constant.numeric', () => {
  for (const tag of ['reviewed', 'expires']) {
    const caps = tagCaptures(tag);
    assert.match(caps['3']?.name ?? '', /^constant\.numeric\./, tag);
    assert.match(caps['4']?.name ?? '', /^invalid\./, tag);
    assert.equal(run(tag, ` * @${tag} 2099-01-01`)?.[3], '2099-01-01');
    assert.equal(run(tag, `/** @${tag} 2099-01-01 */`)?.[3], '2099-01-01');
    const bad = run(tag, ` * @${tag} 31/12/2026`);
    assert.equal(bad?.[3], undefined);
    assert.equal(bad?.[4], '31/12/2026');
    assert.equal(run(tag, ` * @${tag} 2026-1-1`)?.[3], undefined);
  }
});

test('list tags end at the end of the line or the comment', () => {
  for (const tag of ['tools', 'secrets', 'memory', 'delegates']) {
    const end = new RegExp(rule(tag).end ?? '');
    assert.equal(end.exec('a, b */')?.index, 5, `${tag} ends before */`);
    assert.ok(end.exec('a, b'), `${tag} ends at end of line`);
  }
});

test('@memory entries: the known kinds are constants, anything else is invalid', () => {
  const kind = innerPattern('memory', 'constant.language');
  for (const k of ['none', 'thread', 'working', 'semantic', 'vector', 'checkpoint', 'store']) assert.match(k, kind);
  for (const k of ['threads', 'redis', 'Thread', 'store-x']) assert.doesNotMatch(k, kind);
  assert.ok(rule('memory').patterns?.some((p) => p.name?.startsWith('invalid.')), 'no invalid pattern for @memory');
});

test('@secrets entries: env names are variables and scopes in parentheses are strings', () => {
  const name = innerPattern('secrets', 'variable.other.jsdoc');
  assert.match('STRIPE_RESTRICTED_KEY', name);
  assert.match('_PRIVATE', name);
  assert.doesNotMatch('1PASSWORD', name);
  const scopes = rule('secrets').patterns?.find((p) => p.begin);
  assert.ok(scopes?.begin, 'no scope region in @secrets');
  assert.match('(', new RegExp(scopes.begin));
  assert.ok(scopes.patterns?.some((p) => p.name?.startsWith('string.')), 'scopes are not strings');
});

test('@tools entries: mcp:<server> is recognised', () => {
  const mcp = rule('tools').patterns?.find((p) => p.match?.startsWith('(mcp)'));
  assert.ok(mcp?.match);
  const m = new RegExp(mcp.match).exec('mcp:github');
  assert.deepEqual([m?.[1], m?.[2], m?.[3]], ['mcp', ':', 'github']);
  assert.equal(mcp.captures?.['3']?.name, 'variable.other.jsdoc');
});
