/**
 * Code actions: the quick fixes stored with each diagnostic during analysis (a lookup, not a
 * re-analysis), a "Suppress AGxxx on this line" fix on every finding, and the
 * `source.fixAll.agentGovernance` action that applies every safe fix of a document at once (for
 * `editor.codeActionsOnSave`). Only fixes the engine marks safe run in fix-all.
 */

import { CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { Fix, TextEdit } from '../model/types';
import { SOURCE, toCodeAction, toWorkspaceEdit, type PositionOf } from './convert';
import { FIX_ALL_KIND } from './protocol';
import { suppressionEdit } from './suppress';

export interface StoredFix {
  diagnostic: Diagnostic;
  fixes: Fix[];
}

export interface CodeActionContext {
  file: string;
  /** Fixes of the last analysis for this document, by diagnostic key. */
  stored: Map<string, StoredFix> | undefined;
  /** The document's current text, for the suppression comment. */
  text: string | undefined;
  /** TypeScript/JavaScript source, where a line comment can go. */
  isCode: boolean;
  positionOf: PositionOf;
  versionOf: (uri: string) => number | null;
}

/** Whether an action of `kind` is wanted by a request's `only` filter (kinds are dot-separated prefixes). */
export function wanted(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActions(params: CodeActionParams, ctx: CodeActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const key = (diagnostic.data as { key?: string } | undefined)?.key;
      const entry = key ? ctx.stored?.get(key) : undefined;
      for (const fix of entry?.fixes ?? []) actions.push(toCodeAction(fix, diagnostic, ctx.positionOf, ctx.versionOf));
      const suppress = suppressAction(params.textDocument.uri, diagnostic, ctx);
      if (suppress) actions.push(suppress);
    }
  }
  // Fix-all is asked for explicitly (on save, or "Fix All" in the source action menu), never offered
  // unasked beside a quick fix.
  if (only && wanted(FIX_ALL_KIND, only)) {
    const fixAll = fixAllAction(ctx);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function suppressAction(uri: string, diagnostic: Diagnostic, ctx: CodeActionContext): CodeAction | undefined {
  const ruleId = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (!ruleId || ctx.text === undefined) return undefined;
  const edit = suppressionEdit(ctx.text, diagnostic.range.start.line, ruleId, ctx.isCode);
  if (!edit) return undefined;
  const action = CodeAction.create(`Suppress ${ruleId} on this line`, { documentChanges: [{ textDocument: { uri, version: ctx.versionOf(uri) }, edits: [edit] }] }, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  return action;
}

/** Every safe fix whose edits stay in this document, skipping any that would overlap an earlier one. */
export function fixAllAction(ctx: CodeActionContext): CodeAction | undefined {
  const edits: TextEdit[] = [];
  const titles = new Set<string>();
  // Two insertions at one point would apply in an undefined order, so they count as overlapping too.
  const overlaps = (e: TextEdit) => edits.some((x) => (e.start < x.end && x.start < e.end) || e.start === x.start);
  for (const { fixes } of ctx.stored?.values() ?? []) {
    for (const fix of fixes) {
      if (!fix.safe || titles.has(fix.title)) continue;
      if (!fix.edits.every((e) => e.file === ctx.file) || fix.edits.some(overlaps)) continue;
      titles.add(fix.title);
      edits.push(...fix.edits);
      break; // one fix per finding: its preferred (first) safe one
    }
  }
  if (!edits.length) return undefined;
  const merged: Fix = { title: 'Fix all safe Agent Governance problems', edits, safe: true };
  return CodeAction.create(merged.title, toWorkspaceEdit(merged, ctx.positionOf, ctx.versionOf), FIX_ALL_KIND);
}
