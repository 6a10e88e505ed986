import { MCPClient } from '@mastra/mcp';

// MCP servers the support agent can use. Both run locally as child processes.
export const mcp = new MCPClient({
  id: 'support-mcp',
  servers: {
    // The docs server shells out to git and the gh CLI, so it was simply given everything we have.
    docs: {
      command: 'npx',
      args: ['-y', '@acme/docs-mcp-server', '--root', './docs'],
      env: process.env as Record<string, string>, // expect: AG202
    },
    github: {
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      // TODO(sam): move to the vault before launch
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_' + 'FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE' }, // expect: AG203
    },
  },
  timeout: 30_000,
});
