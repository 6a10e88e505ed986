import { createTool } from '@mastra/core/tools';
import { z } from 'zod';
import { zendeskGet, zendeskPut, type ZendeskTicket } from '@/lib/zendesk';

export const lookupTicket = createTool({
  id: 'lookup-ticket',
  description: 'Fetch a Zendesk ticket with its current status and last update time.',
  inputSchema: z.object({ ticketId: z.number().int().positive() }),
  outputSchema: z.object({ id: z.number(), subject: z.string(), status: z.string(), updatedAt: z.string() }),
  execute: async ({ ticketId }) => {
    const { ticket } = await zendeskGet<{ ticket: ZendeskTicket }>(`/tickets/${ticketId}.json`);
    return { id: ticket.id, subject: ticket.subject, status: ticket.status, updatedAt: ticket.updated_at };
  },
});

export const replyToTicket = createTool({
  id: 'reply-to-ticket',
  description: 'Post a public reply on a ticket and optionally move it to another status.',
  inputSchema: z.object({
    ticketId: z.number().int().positive(),
    body: z.string().min(1).max(5000),
    status: z.enum(['open', 'pending', 'solved']).optional(),
  }),
  execute: async ({ ticketId, body, status }, ctx) => {
    const authorId = ctx.requestContext?.get('zendeskUserId') as number | undefined;
    await zendeskPut(`/tickets/${ticketId}.json`, {
      ticket: { status, comment: { body, public: true, author_id: authorId } },
    });
    return { ok: true, ticketId, status: status ?? 'unchanged' };
  },
});

export const searchHelpCenter = createTool({
  id: 'search-help-center',
  description: 'Search public Help Center articles. Use before answering how-to questions.',
  inputSchema: z.object({ query: z.string().min(2) }),
  execute: async ({ query }) => {
    const url = new URL('https://acme.zendesk.com/api/v2/help_center/articles/search.json');
    url.searchParams.set('query', query);
    url.searchParams.set('per_page', '5');
    const res = await fetch(url);
    const data = (await res.json()) as { results: { title: string; html_url: string; snippet: string }[] };
    return data.results.map(({ title, html_url, snippet }) => ({ title, url: html_url, snippet }));
  },
});
