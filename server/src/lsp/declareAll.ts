/**
 * "Add Identity Declarations to All Agents": every AG101 declaration fix of the workspace in one
 * WorkspaceEdit, so the client applies it as one undoable step. Each fix drafts its identity against
 * the identities that already exist, not against the other drafts, so two new agents could propose the
 * same id; the batch renames the later ones (`-2`, `-3` …) to keep ids unique in the workspace.
 */

import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextEdit } from '../model/types';
import type { Analysed } from './analysed';
import { toRange, toUri } from './convert';
import type { DeclareAllResult } from './protocol';

const IDENTITY_LINE = /(@agentIdentity[ \t]+)(\S+)/;

export function declareAll(analysed: Analysed[], versionOf: (uri: string) => number | null): DeclareAllResult {
  const taken = new Set<string>();
  for (const a of analysed) for (const agent of a.result.model.agents) if (agent.declaration?.identity) taken.add(agent.declaration.identity);
  const byUri = new Map<string, TextDocumentEdit>();
  let agents = 0;
  for (const a of analysed) {
    const positionOf = (file: string, offset: number) => a.engine.position(file, offset);
    for (const finding of a.result.findings) {
      if (finding.ruleId !== 'AG101' || finding.suppressed) continue;
      const fix = finding.fixes.find((f) => f.safe);
      if (!fix) continue;
      agents++;
      for (const edit of fix.edits) {
        const uri = toUri(edit.file);
        let doc = byUri.get(uri);
        if (!doc) byUri.set(uri, (doc = { textDocument: { uri, version: versionOf(uri) }, edits: [] }));
        doc.edits.push({ range: toRange(edit, positionOf), newText: uniqueIdentity(edit, taken) });
      }
    }
  }
  const edit: WorkspaceEdit = { documentChanges: [...byUri.values()] };
  return { edit, agents };
}

function uniqueIdentity(edit: TextEdit, taken: Set<string>): string {
  const match = IDENTITY_LINE.exec(edit.newText);
  if (!match) return edit.newText;
  const base = match[2];
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id === base ? edit.newText : edit.newText.replace(IDENTITY_LINE, `$1${id}`);
}
