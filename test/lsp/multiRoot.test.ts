/**
 * A multi-root window: one server analyses each workspace folder on its own (its own tsconfig, policy
 * and CODEOWNERS), and the reports merge them, each location prefixed by its folder's name so the same
 * relative path in two folders stays two places.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { InitializedNotification, InitializeRequest } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ANALYSIS_DONE_NOTIFICATION, EXPORT_REPORT_REQUEST, REPORT_HTML_REQUEST, type ExportReportResult, type ReportHtmlResult } from '../../server/src/lsp/protocol';
import type { Report } from '../../server/src/reporting/report';
import { LspClient } from '../helpers/lspClient';
import { Recorder } from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Two folders: the support app, and a copy of the report app under the same folder name. */
function twoFolders(): { parent: string; first: string; second: string } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'agov-multi-'));
  const first = path.join(parent, 'one', 'app');
  const second = path.join(parent, 'two', 'app');
  fs.cpSync(path.join(FIXTURES, 'lsp-app'), first, { recursive: true });
  fs.cpSync(path.join(FIXTURES, 'report-app'), second, { recursive: true });
  return { parent, first, second };
}

async function start(folders: string[]): Promise<LspClient> {
  const client = new LspClient();
  const done = new Recorder<unknown>(client, ANALYSIS_DONE_NOTIFICATION);
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: URI.file(folders[0]).toString(),
    workspaceFolders: folders.map((f) => ({ uri: URI.file(f).toString(), name: path.basename(f) })),
    capabilities: { workspace: { configuration: true, workspaceFolders: true } },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  await done.next();
  return client;
}

describe('several workspace folders', () => {
  test('each folder is analysed on its own and the exported report merges them with folder prefixes', async () => {
    const { parent, first, second } = twoFolders();
    const client = await start([first, second]);
    try {
      // Diagnostics of both folders arrive, each in its own files.
      await client.waitForDiagnostics(path.join(first, 'src', 'agents', 'support.ts'), (d) => d.some((x) => x.code === 'AG101'));
      await client.waitForDiagnostics(path.join(second, 'src', 'agents', 'research.ts'), (d) => d.some((x) => x.code === 'AG101'));

      const json = (await client.connection.sendRequest(EXPORT_REPORT_REQUEST, { format: 'json' })) as ExportReportResult;
      const report = JSON.parse(json.content) as Report;
      const files = report.agents.map((a) => a.location.file);
      // The same folder name twice: the second is told apart.
      assert.ok(files.includes('app/src/agents/support.ts'), JSON.stringify(files));
      assert.ok(files.some((f) => f.startsWith('app-2/src/agents/')), JSON.stringify(files));
      assert.ok(files.every((f) => /^app(-2)?\//.test(f)));
      assert.equal(report.agents.filter((a) => a.name === 'supportAgent').length, 2, 'each folder has its own supportAgent');
      for (const finding of report.findings) {
        assert.match(finding.location.file, /^app(-2)?\//);
        for (const related of finding.related ?? []) assert.match(related.location.file, /^app(-2)?\//);
      }
      assert.equal(json.rootUri, undefined, 'no single root to start the save dialog in');

      const sarif = JSON.parse(((await client.connection.sendRequest(EXPORT_REPORT_REQUEST, { format: 'sarif' })) as ExportReportResult).content);
      const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
      assert.ok(uris.some((u: string) => u.startsWith('app/')) && uris.some((u: string) => u.startsWith('app-2/')), JSON.stringify(uris));

      const html = ((await client.connection.sendRequest(REPORT_HTML_REQUEST, { nonce: 'bm9uY2U', cspSource: "'self'" })) as ReportHtmlResult).html;
      assert.ok(html.includes('app, app-2'), 'the page names both folders');
      // The webview's links open the right folder's file.
      const linked = [...html.matchAll(/data-uri="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(linked.includes(URI.file(path.join(second, 'src', 'agents', 'research.ts')).toString()), 'a link into the second folder');
      assert.ok(linked.includes(URI.file(path.join(first, 'src', 'agents', 'support.ts')).toString()), 'a link into the first folder');
      assert.ok(linked.every((uri) => uri.startsWith(URI.file(first).toString() + '/') || uri.startsWith(URI.file(second).toString() + '/')), 'every link is inside one of the folders');
    } finally {
      assert.equal(await client.shutdown(), 0);
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
