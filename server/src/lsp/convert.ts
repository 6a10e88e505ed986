import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, DiagnosticTag, type Range, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { Finding, Fix, Span } from '../model/types';
import { ruleDocUrl } from '../rules/meta';

export const SOURCE = 'agent-governance';

export type PositionOf = (file: string, offset: number) => { line: number; character: number };

export function toUri(file: string): string {
  return URI.file(file).toString();
}

export function toFile(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export function toRange(span: Span, positionOf: PositionOf): Range {
  return { start: positionOf(span.file, span.start), end: positionOf(span.file, span.end) };
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, positionOf: PositionOf, key: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(finding.span, positionOf),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    data: { key },
  };
  if (finding.ruleId === 'AG105') diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: toUri(r.span.file), range: toRange(r.span, positionOf) }, message: r.message }));
  }
  return diagnostic;
}

export function toWorkspaceEdit(fix: Fix, positionOf: PositionOf, versionOf: (uri: string) => number | null): WorkspaceEdit {
  const byUri = new Map<string, TextDocumentEdit>();
  for (const edit of fix.edits) {
    const uri = toUri(edit.file);
    let docEdit = byUri.get(uri);
    if (!docEdit) {
      docEdit = { textDocument: { uri, version: versionOf(uri) }, edits: [] };
      byUri.set(uri, docEdit);
    }
    docEdit.edits.push({ range: toRange(edit, positionOf), newText: edit.newText });
  }
  return { documentChanges: [...byUri.values()] };
}

export function toCodeAction(fix: Fix, diagnostic: Diagnostic, positionOf: PositionOf, versionOf: (uri: string) => number | null): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(fix, positionOf, versionOf), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}
