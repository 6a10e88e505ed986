/**
 * The editor's views of one agent, computed from the last analysis: the hover card on its
 * construction, the CodeLens above its declaration, its blast radius itemised with locations, and its
 * node in the Agents tree. All text from code goes through `markdownText` in Markdown contexts.
 */

import { MarkupKind, type CodeLens, type Hover } from 'vscode-languageserver';
import { agentAround, agentAt, blastRadiusDetails, type BlastRadiusItem } from '../engine/agentInfo';
import { toolMatches, delegateNames } from '../engine/matching';
import type { AgentModel, TagEntry } from '../model/types';
import { markdownText } from '../reporting/escape';
import { ruleDocUrl } from '../rules/meta';
import { count, realOwner, type Analysed } from './analysed';
import { toUri } from './convert';
import { COMMANDS, type AgentTreeAgent, type BlastRadiusResult, type LocatedItem } from './protocol';

const FRAMEWORK: Record<string, string> = {
  mastra: 'Mastra',
  'ai-sdk': 'AI SDK',
  'openai-agents': 'OpenAI Agents',
  langchain: 'LangChain',
  mcp: 'MCP',
};

/** The hover card for an agent construction at `offset`, or null. */
export function agentHover(analysed: Analysed, file: string, offset: number): Hover | null {
  const agent = agentAt(analysed.result, file, offset);
  if (!agent) return null;
  return { contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(analysed, agent) }, range: analysed.range(agent.span) };
}

export function hoverMarkdown(analysed: Analysed, agent: AgentModel): string {
  const decl = agent.declaration;
  const report = analysed.reportAgent(agent);
  const observed = analysed.result.observed.get(agent.key);
  const md = (text: string) => markdownText(text);
  const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
  const lines: string[] = [];
  const identity = decl?.identity ? `identity ${code(decl.identity)}` : '**no identity declaration** ([AG101](' + ruleDocUrl('AG101') + '))';
  lines.push(`**${md(agent.name)}** · ${FRAMEWORK[agent.framework] ?? md(agent.framework)} agent · ${identity}`);
  if (decl) {
    const owner = realOwner(agent);
    const parts = [owner ? `owner **${md(owner)}**` : 'owner *missing*'];
    if (decl.purpose) parts.push(md(decl.purpose));
    lines.push('', parts.join(' · '));
  }

  // Declared vs observed, entry by entry: what the agent uses that is not declared stands out.
  const broad = new Set(report?.observed.secrets.filter((s) => s.broad).map((s) => s.name) ?? []);
  const rows: [string, TagEntry[] | undefined, { name: string; declared: boolean; note?: string }[]][] = [
    ['tools', decl?.tools, agent.tools.map((use) => ({ name: use.key, declared: !!decl?.tools?.some((e) => toolMatches(use, e) || (use.mcpServer && e.value === `mcp:${use.mcpServer.name}`)) }))],
    ['secrets', decl?.secrets, [...(observed?.secrets.keys() ?? [])].sort().map((name) => ({ name, declared: !!decl?.secrets?.some((e) => e.value === name), note: broad.has(name) ? 'broad' : undefined }))],
    ['memory', decl?.memory, [...new Set(agent.memory.map((m) => m.kind))].map((kind) => ({ name: kind, declared: !!decl?.memory?.some((e) => e.value === kind) }))],
    [
      'delegates',
      decl?.delegates,
      agent.delegates.map((d) => {
        const names = delegateNames(d, d.agentKey ? analysed.byKey.get(d.agentKey) : undefined);
        return { name: d.name, declared: !!decl?.delegates?.some((e) => names.includes(e.value)) };
      }),
    ],
  ];
  lines.push('', '| | declared | observed |', '| --- | --- | --- |');
  for (const [tag, declared, used] of rows) {
    const declaredText = !decl ? '—' : declared?.length ? declared.map((e) => md(e.scopes ? `${e.value}(${e.scopes.join(',')})` : e.value)).join(', ') : '*none*';
    const usedText = used.length
      ? used
          .map((u) => {
            const notes = [u.note, decl && !u.declared ? 'undeclared' : undefined].filter(Boolean);
            return `${md(u.name)}${notes.length ? ` *(${notes.join(', ')})*` : ''}`;
          })
          .join(', ')
      : '*none*';
    lines.push(`| ${tag} | ${declaredText} | ${usedText} |`);
  }
  const hosts = [...(observed?.hosts.keys() ?? [])].sort();
  if (hosts.length) lines.push('', `Calls ${hosts.map(md).join(', ')}`);

  const radius = blastRadiusDetails(agent, analysed.result, analysed.byKey);
  const limit = analysed.result.policy.policy.blastRadius.limit;
  const byKind = (kind: BlastRadiusItem['kind']) => radius.items.filter((i) => i.kind === kind).map((i) => md(i.name));
  const breakdown = (
    [
      ['secret', 'secret'],
      ['host', 'host'],
      ['privileged-tool', 'privileged tool'],
      ['delegate', 'delegate'],
    ] as const
  )
    .map(([kind, label]) => {
      const items = byKind(kind);
      return `${count(items.length, label)}${items.length ? ` (${items.join(', ')})` : ''}`;
    })
    .join(' · ');
  const over = radius.total > limit ? ` — **over the limit of ${limit}**` : ` (limit ${limit})`;
  lines.push('', `**Blast radius ${radius.total}**${over}: ${breakdown}`);
  if (decl && (decl.review || decl.reviewed || decl.expires)) {
    lines.push('', [decl.review && `review every ${md(decl.review)}`, decl.reviewed && `reviewed ${md(decl.reviewed)}`, decl.expires && `expires ${md(decl.expires)}`].filter(Boolean).join(' · '));
  }
  return lines.join('\n');
}

/** `team-support · 3 tools · 2 secrets · blast radius 5`, or `no identity · …`. */
export function lensTitle(analysed: Analysed, agent: AgentModel): string {
  const observed = analysed.result.observed.get(agent.key);
  const who = !agent.declaration ? 'no identity' : (realOwner(agent) ?? `${agent.declaration.identity ?? 'identity'} (no owner)`);
  const radius = blastRadiusDetails(agent, analysed.result, analysed.byKey).total;
  return [who, count(new Set(agent.tools.map((t) => t.key)).size, 'tool'), count(observed?.secrets.size ?? 0, 'secret'), `blast radius ${radius}`].join(' · ');
}

/** One CodeLens per agent in a file, above its declaration (or its statement when it has none). */
export function agentLenses(analysed: Analysed, file: string): CodeLens[] {
  return analysed.result.model.agents
    .filter((agent) => agent.span.file === file)
    .map((agent) => {
      const anchor = agent.declaration && agent.declaration.span.file === file && agent.declaration.span.start < agent.host.span.start ? agent.declaration.span.start : agent.host.span.start;
      const at = analysed.engine.position(file, anchor);
      const position = analysed.engine.position(file, agent.span.start);
      return {
        range: { start: at, end: at },
        command: { title: lensTitle(analysed, agent), command: COMMANDS.showBlastRadius, arguments: [{ uri: toUri(file), position }] },
      };
    });
}

function item(analysed: Analysed, label: string, span: AgentModel['span'], detail?: string): LocatedItem {
  return { label, ...(detail ? { detail } : {}), ...analysed.location(span) };
}

/** The blast radius of the agent at or around `offset` (cursor anywhere in its statement). */
export function blastRadiusAt(analysed: Analysed, file: string, offset: number): BlastRadiusResult | null {
  const agent = agentAround(analysed.result, file, offset);
  if (!agent) return null;
  const radius = blastRadiusDetails(agent, analysed.result, analysed.byKey);
  const of = (kind: BlastRadiusItem['kind']) =>
    radius.items.filter((i) => i.kind === kind).map((i) => item(analysed, i.name, i.span, i.through ? `through ${i.through}` : undefined));
  return {
    agent: agent.name,
    identity: agent.declaration?.identity ?? null,
    owner: realOwner(agent),
    total: radius.total,
    limit: analysed.result.policy.policy.blastRadius.limit,
    ...analysed.location(agent.span),
    secrets: of('secret'),
    hosts: of('host'),
    privilegedTools: of('privileged-tool'),
    delegates: of('delegate'),
  };
}

/** An agent as the Agents tree shows it: what it holds, grouped, each item revealing its place. */
export function agentTreeNode(analysed: Analysed, agent: AgentModel): AgentTreeAgent {
  const observed = analysed.result.observed.get(agent.key);
  const seenTools = new Set<string>();
  const tools = agent.tools
    .filter((use) => !seenTools.has(use.key) && !!seenTools.add(use.key))
    .map((use) => item(analysed, use.key, use.span, use.mcpServer ? `MCP server ${use.mcpServer.name}` : undefined));
  const secrets = [...(observed?.secrets ?? [])].sort(([a], [b]) => a.localeCompare(b)).map(([name, reads]) => item(analysed, name, reads[0].span));
  const seenMemory = new Set<string>();
  const memory = agent.memory.filter((m) => !seenMemory.has(m.kind) && !!seenMemory.add(m.kind)).map((m) => item(analysed, m.kind, m.span, m.description));
  const delegates = agent.delegates.map((d) => {
    const target = d.agentKey ? analysed.byKey.get(d.agentKey) : undefined;
    return item(analysed, target?.declaration?.identity ?? d.name, d.span, d.form);
  });
  return {
    label: agent.name,
    detail: agent.declaration?.identity ?? 'no identity',
    ...analysed.location(agent.span),
    identity: agent.declaration?.identity ?? null,
    owner: realOwner(agent),
    framework: agent.framework,
    blastRadius: blastRadiusDetails(agent, analysed.result, analysed.byKey).total,
    findings: analysed.openFindings(agent),
    groups: [
      { kind: 'tools', items: tools },
      { kind: 'secrets', items: secrets },
      { kind: 'memory', items: memory },
      { kind: 'delegates', items: delegates },
    ],
  };
}
