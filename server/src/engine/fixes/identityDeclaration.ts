import type { AgentModel, Fix, TextEdit } from '../../model/types';
import type { Observed } from '../observed';
import type { Policy } from '../policy';

export interface DeclarationDraft {
  identity: string;
  owner: string;
  tools: string[];
  secrets: string[];
  memory: string[];
  delegates: string[];
  review?: string;
  reviewed?: string;
  expires?: string;
}

/** `supportAgent` / `Support Agent` / `support_agent` → `support-agent`. */
export function toKebabCase(name: string): string {
  const kebab = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return kebab || 'agent';
}

function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Least privilege: exactly what the agent is observed to use, nothing more. */
export function draftDeclaration(agent: AgentModel, observed: Observed, opts: { owner: string; takenIds: Set<string>; policy: Policy; today: string; delegateName: (key: string | undefined, fallback: string) => string }): DeclarationDraft {
  const base = toKebabCase(agent.configuredName ?? agent.name);
  let identity = base;
  for (let n = 2; opts.takenIds.has(identity); n++) identity = `${base}-${n}`;
  const required = new Set(opts.policy.requireTags);
  return {
    identity,
    owner: opts.owner,
    tools: observed.tools,
    secrets: [...observed.secrets.keys()].sort(),
    memory: observed.memory,
    delegates: [...new Set(agent.delegates.map((d) => opts.delegateName(d.agentKey, d.name)))],
    review: required.has('review') || required.has('reviewed') ? '90d' : undefined,
    reviewed: required.has('reviewed') ? opts.today : undefined,
    expires: required.has('expires') ? addDays(opts.today, 365) : undefined,
  };
}

function tagLines(draft: DeclarationDraft, existingTags: Set<string>): string[] {
  const lines: [string, string | undefined][] = [
    ['agentIdentity', draft.identity],
    ['owner', draft.owner],
    ['tools', draft.tools.join(', ') || undefined],
    ['secrets', draft.secrets.join(', ') || undefined],
    ['memory', draft.memory.join(', ') || undefined],
    ['delegates', draft.delegates.join(', ') || undefined],
    ['review', draft.review],
    ['reviewed', draft.reviewed],
    ['expires', draft.expires],
  ];
  return lines.filter(([tag, value]) => value !== undefined && !existingTags.has(tag)).map(([tag, value]) => `@${tag} ${value}`);
}

/** The edit that writes a draft as a JSDoc block on the agent's host, or into its existing JSDoc. */
export function declarationFix(agent: AgentModel, draft: DeclarationDraft, fileText: string): Fix {
  const { host } = agent;
  const indent = host.indent;
  let edit: TextEdit;
  if (host.existingDoc) {
    const doc = fileText.slice(host.existingDoc.start, host.existingDoc.end);
    const existingTags = new Set([...doc.matchAll(/@(\w+)/g)].map((m) => m[1]));
    const lines = tagLines(draft, existingTags);
    const close = host.existingDoc.end - 2;
    let lineStart = close;
    while (lineStart > host.existingDoc.start && fileText[lineStart - 1] !== '\n') lineStart--;
    if (/^\s*$/.test(fileText.slice(lineStart, close)) && lineStart > host.existingDoc.start) {
      edit = { file: host.span.file, start: lineStart, end: lineStart, newText: lines.map((l) => `${indent} * ${l}\n`).join('') };
    } else {
      let at = close;
      while (at > host.existingDoc.start && fileText[at - 1] === ' ') at--;
      edit = { file: host.span.file, start: at, end: close, newText: `\n${lines.map((l) => `${indent} * ${l}\n`).join('')}${indent} ` };
    }
  } else {
    const lines = tagLines(draft, new Set());
    const block = `${indent}/**\n${lines.map((l) => `${indent} * ${l}\n`).join('')}${indent} */\n`;
    const atLineStart = host.insertAt === 0 || fileText[host.insertAt - 1] === '\n';
    edit = { file: host.span.file, start: host.insertAt, end: host.insertAt, newText: atLineStart ? block : `${block.trimStart()}${indent}` };
  }
  return { title: `Add scoped identity declaration for '${agent.name}'`, edits: [edit], safe: true, preferred: true };
}
