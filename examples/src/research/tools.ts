import { tool } from 'langchain';
import { getStore } from '@langchain/langgraph';
import { z } from 'zod';

interface BraveResult {
  title: string;
  url: string;
  description: string;
}

export const webSearch = tool(
  async ({ query, count }) => {
    const url = new URL('https://api.search.brave.com/res/v1/web/search');
    url.searchParams.set('q', query);
    url.searchParams.set('count', String(count));
    const apiKey = process.env.BRAVE_SEARCH_API_KEY ?? '';
    const res = await fetch(url, { headers: { Accept: 'application/json', 'X-Subscription-Token': apiKey } });
    const data = (await res.json()) as { web?: { results: BraveResult[] } };
    return (data.web?.results ?? []).map((r) => `${r.title}\n${r.url}\n${r.description}`).join('\n\n');
  },
  {
    name: 'web_search',
    description: 'Search the web. Returns titles, URLs and snippets.',
    schema: z.object({ query: z.string(), count: z.number().int().min(1).max(10).default(5) }),
  },
);

export const readPage = tool(
  async ({ url }) => {
    const res = await fetch(url, { headers: { 'User-Agent': 'acme-research-bot/1.0' }, redirect: 'follow' });
    const html = await res.text();
    return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').slice(0, 8000);
  },
  {
    name: 'read_page',
    description: 'Download a web page and return its visible text (first 8000 characters).',
    schema: z.object({ url: z.string().url() }),
  },
);

export const recallFindings = tool(
  async ({ account, topic }) => {
    const store = getStore();
    const items = (await store?.search(['research', account], { query: topic, limit: 5 })) ?? [];
    return items.map((item) => JSON.stringify(item.value)).join('\n') || 'Nothing saved yet.';
  },
  {
    name: 'recall_findings',
    description: 'Recall what earlier research sessions saved about an account.',
    schema: z.object({ account: z.string(), topic: z.string() }),
  },
);
