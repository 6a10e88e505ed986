import { createAgent } from 'langchain';
import { InMemoryStore, MemorySaver } from '@langchain/langgraph';
import { readPage, recallFindings, webSearch } from './tools';

// expect[+8]: AG105
/**
 * Account research for the growth team: looks up public information about a prospect before a
 * sales call and keeps notes between sessions.
 *
 * @agentIdentity market-research
 * @owner @acme/growth-data
 * @tools web_search, read_page, recall_findings
 * @secrets BRAVE_SEARCH_API_KEY, SERPAPI_API_KEY
 * @memory checkpoint, store
 * @review 1y
 * @reviewed 2026-08-20
 * @expires 2099-06-30
 */
export const researchAgent = createAgent({
  model: 'openai:gpt-4.1',
  name: 'market_research',
  systemPrompt:
    'You research companies before sales calls. Cite every claim with a URL. ' +
    'Check recall_findings first so you do not repeat earlier work.',
  tools: [webSearch, readPage, recallFindings],
  checkpointer: new MemorySaver(),
  store: new InMemoryStore(),
});

export async function researchAccount(account: string, question: string, threadId: string) {
  const state = await researchAgent.invoke(
    { messages: [{ role: 'user', content: `Account: ${account}\n${question}` }] },
    { configurable: { thread_id: threadId } },
  );
  return state.messages.at(-1)?.content;
}
