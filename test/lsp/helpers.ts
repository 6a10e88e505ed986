/**
 * Small helpers for the LSP tests on top of test/helpers/lspClient.ts: applying edits the way a client
 * does, recording custom notifications, and waiting for them without sleeping.
 */
import { spawnSync } from 'node:child_process';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CLI, type LspClient } from '../helpers/lspClient';

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.ts', 'typescript', 1, text), edits);
}

/** The edits a workspace edit makes to one file. */
export function editsFor(edit: WorkspaceEdit | undefined, file: string): TextEdit[] {
  const uri = URI.file(file).toString();
  return ((edit?.documentChanges ?? []) as TextDocumentEdit[]).filter((d) => d.textDocument.uri === uri).flatMap((d) => d.edits as TextEdit[]);
}

/** Every notification of a method, in arrival order, with a way to wait for the next matching one. */
export class Recorder<T> {
  readonly seen: T[] = [];
  private waiters: { predicate: (p: T) => boolean; resolve: (p: T) => void }[] = [];

  constructor(client: LspClient, method: string) {
    client.connection.onNotification(method, (params: T) => {
      this.seen.push(params);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(params)) return true;
        w.resolve(params);
        return false;
      });
    });
  }

  /** The first notification after `from` (an index into `seen`) that satisfies the predicate. */
  next(predicate: (p: T) => boolean = () => true, from = this.seen.length, timeoutMs = 15000): Promise<T> {
    const already = this.seen.slice(from).find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a notification; seen ${JSON.stringify(this.seen.slice(-3))}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }
}

export function agov(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The 0-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`no line contains ${needle}`);
  return line;
}
