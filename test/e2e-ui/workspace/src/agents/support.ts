import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

/** Opens a Zendesk ticket on behalf of the customer the agent is talking to. */
export const createTicket = createTool({
  id: 'create-ticket',
  description: 'Open a support ticket in Zendesk',
  inputSchema: z.object({
    subject: z.string(),
    body: z.string(),
    requesterEmail: z.string().email(),
  }),
  execute: async ({ subject, body, requesterEmail }) => {
    const res = await fetch('https://acme.zendesk.com/api/v2/tickets', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${process.env.ZENDESK_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ ticket: { subject, comment: { body }, requester: { email: requesterEmail } } }),
    });
    if (!res.ok) throw new Error(`Zendesk answered ${res.status}`);
    const { ticket } = (await res.json()) as { ticket: { id: number } };
    return { ticketId: ticket.id };
  },
});

export const supportAgent = new Agent({
  id: 'support-agent',
  name: 'Support Agent',
  instructions: 'Help customers with their orders. Open a ticket when you cannot solve the problem yourself.',
  model: 'openai/gpt-4o-mini',
  tools: { createTicket },
});
