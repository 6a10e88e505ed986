import { Agent } from '@mastra/core/agent';
import { ModelRouterEmbeddingModel } from '@mastra/core/llm';
import { Memory } from '@mastra/memory';
import { LibSQLStore, LibSQLVector } from '@mastra/libsql';
import { lookupTicket, replyToTicket, searchHelpCenter } from '../tools/tickets';
import { mcp } from '../mcp';

const mcpTools = await mcp.listTools();

export const supportAgent = new Agent({ // expect: AG101
  id: 'support-agent',
  name: 'Support Agent',
  description: 'Tier-1 support: reads tickets, searches the Help Center and replies to customers.',
  instructions: `You are Acme's tier-1 support agent.
- Always look the ticket up before replying.
- Prefer linking a Help Center article over writing long explanations.
- Never promise refunds; billing questions go to the billing team.`,
  model: 'openai/gpt-4o-mini',
  tools: {
    lookupTicket,
    replyToTicket, // expect: AG302
    searchHelpCenter,
    ...mcpTools, /* expect: AG302, AG302 */
  },
  memory: new Memory({
    storage: new LibSQLStore({ id: 'support-memory', url: 'file:./data/support.db' }),
    vector: new LibSQLVector({ id: 'support-vectors', url: 'file:./data/support.db' }),
    embedder: new ModelRouterEmbeddingModel('openai/text-embedding-3-small'),
    options: {
      lastMessages: 20,
      semanticRecall: { topK: 3, messageRange: 2, scope: 'resource' },
      workingMemory: {
        enabled: true,
        scope: 'resource',
        template: `# Customer\n- Name:\n- Plan:\n- Open tickets:\n- Preferred language:\n`,
      },
    },
  }),
});
