import { z } from 'zod';
import type { DeclarationTag, IdentityDeclaration, Span, TagEntry } from '../model/types';

export const IDENTITY_TAGS = ['agentIdentity', 'owner', 'purpose', 'tools', 'secrets', 'memory', 'delegates', 'review', 'reviewed', 'expires'] as const;
export type IdentityTagName = (typeof IDENTITY_TAGS)[number];
const LIST_TAGS = new Set(['tools', 'secrets', 'memory', 'delegates']);

/** Tag values read from comments are outside input: each has a schema, and a failure is a finding. */
export const tagValueSchemas = {
  agentIdentity: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, e.g. support-triage'),
  owner: z
    .string()
    .min(1, 'is empty')
    .refine((v) => !/^(todo|tbd|fixme|xxx|unknown|none|n\/a|\?+)$/i.test(v), 'is a placeholder'),
  review: z.string().regex(/^[1-9]\d*[dwmy]$/, 'must be a cadence such as 30d, 12w, 6m or 1y'),
  reviewed: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD'),
  expires: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD'),
  memoryEntry: z.enum(['none', 'thread', 'working', 'semantic', 'vector', 'checkpoint', 'store'], { message: 'must be none or one of thread, working, semantic, vector, checkpoint, store' }),
  secretEntry: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\([^()]*\))?$/, 'must be an environment variable name, optionally with scopes: NAME(scope:a,scope:b)'),
  toolEntry: z.string().regex(/^[^\s,()]+$/, 'must be a tool id, key or mcp:<server>'),
  delegateEntry: z.string().regex(/^[^\s,()]+$/, 'must be an identity id or agent name'),
};

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whether a JSDoc comment's text is an identity declaration. */
export function isIdentityDoc(text: string): boolean {
  return /(^|\s)@agentIdentity\b/.test(text);
}

/** Splits at commas that are not inside parentheses, keeping offsets. */
function splitEntries(value: string, offset: number, file: string): TagEntry[] {
  const entries: TagEntry[] = [];
  let depth = 0;
  let start = 0;
  const flush = (end: number) => {
    const raw = value.slice(start, end);
    const trimmed = raw.trim();
    if (trimmed) {
      const lead = raw.indexOf(trimmed);
      const s = offset + start + lead;
      const scopeMatch = /^([^(]+)\((.*)\)$/.exec(trimmed);
      const entry: TagEntry = { value: scopeMatch ? scopeMatch[1].trim() : trimmed, span: { file, start: s, end: s + trimmed.length } };
      if (scopeMatch) entry.scopes = scopeMatch[2].split(',').map((x) => x.trim()).filter(Boolean);
      entries.push(entry);
    }
    start = end + 1;
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) flush(i);
  }
  flush(value.length);
  return entries;
}

/** Parses an identity declaration from a JSDoc comment at `start` in `file`. */
export function parseDeclaration(comment: string, start: number, file: string): IdentityDeclaration {
  const tags: DeclarationTag[] = [];
  const span: Span = { file, start, end: start + comment.length };
  const tagPattern = /^@([A-Za-z]+)\b(.*)$/;
  let lineStart = 0;
  for (const line of comment.split('\n')) {
    const content = /^\s*(?:\/\*\*|\*(?!\/))?\s*/.exec(line);
    const bodyOffset = content ? content[0].length : 0;
    const body = line.slice(bodyOffset);
    if (body.startsWith('@')) {
      const m = tagPattern.exec(body);
      if (m && (IDENTITY_TAGS as readonly string[]).includes(m[1])) {
        let rawValue = m[2].replace(/\*\/\s*$/, '');
        const valueLead = rawValue.length - rawValue.trimStart().length;
        rawValue = rawValue.trim();
        const tagStart = start + lineStart + bodyOffset;
        const valueStart = tagStart + 1 + m[1].length + valueLead;
        const tag: DeclarationTag = {
          name: m[1],
          span: { file, start: tagStart, end: valueStart + rawValue.length },
          value: rawValue,
          valueSpan: { file, start: valueStart, end: valueStart + rawValue.length },
          entries: LIST_TAGS.has(m[1]) ? splitEntries(rawValue, valueStart, file) : [],
        };
        tags.push(tag);
      }
    }
    lineStart += line.length + 1;
  }
  const first = (name: string) => tags.find((t) => t.name === name);
  const declaration: IdentityDeclaration = { span, tags };
  declaration.identity = first('agentIdentity')?.value;
  declaration.owner = first('owner')?.value;
  declaration.purpose = first('purpose')?.value;
  for (const name of ['tools', 'secrets', 'memory', 'delegates'] as const) {
    const tag = first(name);
    if (tag) declaration[name] = tags.filter((t) => t.name === name).flatMap((t) => t.entries);
  }
  declaration.review = first('review')?.value;
  declaration.reviewed = first('reviewed')?.value;
  declaration.expires = first('expires')?.value;
  return declaration;
}
