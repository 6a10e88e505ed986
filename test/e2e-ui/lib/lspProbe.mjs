// Asks the built language server what it offers: starts it over stdio, sends `initialize`, returns
// the result's `capabilities`, then `shutdown`/`exit`. Used to decide whether a UI step (hover …)
// applies to this build, so that a step is skipped loudly rather than passed silently.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// `extensionRoot` is the folder of the installed extension (or the repository): its dist/server.js is
// the server VS Code runs; dist/cli.js `lsp --stdio` is the fallback.
export async function serverCapabilities(extensionRoot, workspace, { timeoutMs = 20_000 } = {}) {
  const server = join(extensionRoot, 'dist', 'server.js');
  const cli = join(extensionRoot, 'dist', 'cli.js');
  const args = existsSync(server) ? [server, '--stdio'] : [cli, 'lsp', '--stdio'];
  const child = spawn(process.execPath, args, { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const send = (msg) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no initialize answer from ${args.join(' ')} within ${timeoutMs} ms; stderr: ${stderr.slice(-500)}`)), timeoutMs);
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${args.join(' ')} exited (${code}) before answering initialize; stderr: ${stderr.slice(-500)}`)); });
      child.stdout.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        for (;;) {
          const sep = buf.indexOf('\r\n\r\n');
          if (sep < 0) return;
          const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, sep).toString())?.[1]);
          if (buf.length < sep + 4 + len) return;
          const msg = JSON.parse(buf.subarray(sep + 4, sep + 4 + len).toString());
          buf = buf.subarray(sep + 4 + len);
          if (msg.id === 1 && 'result' in msg) { clearTimeout(timer); resolve(msg.result.capabilities ?? {}); }
          else if (msg.id === 1 && msg.error) { clearTimeout(timer); reject(new Error(`initialize failed: ${msg.error.message}`)); }
          else if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null }); // answer server→client requests
        }
      });
      send({ id: 1, method: 'initialize', params: {
        processId: process.pid, rootUri: pathToFileURL(workspace).href,
        workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'workspace' }],
        capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } },
      } });
    });
  } finally {
    try { send({ id: 2, method: 'shutdown' }); send({ method: 'exit' }); } catch { /* closed */ }
    const exited = new Promise((r) => child.once('exit', r));
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    if (child.exitCode === null) await exited;
    clearTimeout(t);
  }
}
