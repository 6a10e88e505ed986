import { Agent, tool } from '@openai/agents';
import { z } from 'zod';

const lookupOrder = tool({
  name: 'lookup_order',
  description: 'Look up the status of an order by its id',
  parameters: z.object({ orderId: z.string() }),
  execute: async ({ orderId }) => {
    const res = await fetch(`https://orders.acme.example/api/orders/${encodeURIComponent(orderId)}`, {
      headers: { Authorization: `Bearer ${process.env.ORDERS_READ_TOKEN}` },
    });
    return res.json();
  },
});

/**
 * Routes incoming customer questions and answers order-status questions itself.
 * @agentIdentity order-triage
 * @owner TODO
 * @purpose Answer order-status questions
 * @tools lookup_order
 * @secrets ORDERS_READ_TOKEN
 * @memory none
 * @review 90d
 */
export const triageAgent = new Agent({
  name: 'Triage',
  instructions: 'Answer order-status questions; look the order up by its id first.',
  tools: [lookupOrder],
});
