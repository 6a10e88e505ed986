import type { AgentModel, Fix, TagEntry, TextEdit } from '../../model/types';

/** Adds an entry to a list tag of an agent's declaration, creating the tag when absent. */
export function addEntryFix(agent: AgentModel, tag: string, value: string, fileText: string): Fix | undefined {
  const decl = agent.declaration;
  if (!decl) return undefined;
  const tags = decl.tags.filter((t) => t.name === tag);
  let edit: TextEdit;
  if (tags.length) {
    const last = tags[tags.length - 1];
    // `@memory none` declares nothing: the new entry replaces it rather than contradicting it.
    if (last.entries.length === 1 && last.entries[0].value === 'none') edit = { file: last.span.file, start: last.valueSpan.start, end: last.valueSpan.end, newText: value };
    else edit = { file: last.span.file, start: last.valueSpan.end, end: last.valueSpan.end, newText: last.entries.length ? `, ${value}` : value };
  } else {
    const close = decl.span.end - 2;
    let lineStart = close;
    while (lineStart > decl.span.start && fileText[lineStart - 1] !== '\n') lineStart--;
    if (!/^\s*$/.test(fileText.slice(lineStart, close))) return undefined;
    // The new tag line takes the prefix (` * `) of the declaration's other tag lines.
    const anyTag = decl.tags[decl.tags.length - 1];
    let tagLineStart = anyTag.span.start;
    while (tagLineStart > decl.span.start && fileText[tagLineStart - 1] !== '\n') tagLineStart--;
    const prefix = fileText.slice(tagLineStart, anyTag.span.start);
    if (!/^\s*\*\s*$/.test(prefix)) return undefined;
    edit = { file: decl.span.file, start: lineStart, end: lineStart, newText: `${prefix}@${tag} ${value}\n` };
  }
  return { title: `Declare ${tag === 'tools' ? 'tool' : tag === 'secrets' ? 'secret' : tag === 'delegates' ? 'delegate' : 'memory'} ${value} in the identity of '${agent.name}'`, edits: [edit], safe: false };
}

/** Removes one entry (and its separating comma) from a list tag. */
export function removeEntryFix(agent: AgentModel, tag: string, entry: TagEntry, fileText: string): Fix | undefined {
  const decl = agent.declaration;
  const owner = decl?.tags.find((t) => t.name === tag && t.entries.includes(entry));
  if (!decl || !owner) return undefined;
  const index = owner.entries.indexOf(entry);
  let start = entry.span.start;
  let end = entry.span.end;
  if (owner.entries.length === 1) {
    // The tag would be empty: remove the whole line.
    start = owner.span.start;
    while (start > decl.span.start && fileText[start - 1] !== '\n') start--;
    end = owner.span.end;
    while (end < decl.span.end && fileText[end] !== '\n') end++;
    end++;
  } else if (index < owner.entries.length - 1) {
    end = owner.entries[index + 1].span.start;
  } else {
    start = owner.entries[index - 1].span.end;
  }
  return { title: `Remove ${entry.value} from @${tag} of '${agent.name}'`, edits: [{ file: entry.span.file, start, end, newText: '' }], safe: false };
}
