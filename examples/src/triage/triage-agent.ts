import { Agent, tool } from '@openai/agents';
import { z } from 'zod';
import { env } from '@/env';
import { billingAgent } from '@/billing/billing-agent';

const lookupCustomer = tool({
  name: 'lookup_customer',
  description: 'Find a customer in HubSpot by email; returns their plan and account manager.',
  parameters: z.object({ email: z.string().email() }),
  execute: async ({ email }) => {
    const url = `https://api.hubapi.com/crm/v3/objects/contacts/${encodeURIComponent(email)}?idProperty=email&properties=plan,hubspot_owner_id`;
    const authorization = `Bearer ${env.HUBSPOT_ACCESS_TOKEN}`;
    const res = await fetch(url, { headers: { authorization } });
    if (res.status === 404) return 'No customer with that email.';
    const contact = (await res.json()) as { properties: { plan?: string; hubspot_owner_id?: string } };
    return JSON.stringify(contact.properties);
  },
});

/**
 * @agentIdentity support-triage
 * @owner @acme/support-eng
 * @purpose First contact for every chat; answers simple questions and routes billing to billing-agent.
 * @tools lookup_customer
 * @secrets HUBSPOT_ACCESS_TOKEN
 * @memory none
 * @delegates billing-agent
 * @review 1y
 * @reviewed 2026-09-14
 */
export const triageAgent = Agent.create({
  name: 'Triage Agent',
  instructions:
    'Greet the customer, find them by email, and answer account questions. ' +
    'Hand billing, invoice and refund questions to the Billing Agent.',
  model: 'gpt-4.1-mini',
  tools: [lookupCustomer],
  handoffs: [billingAgent], // expect: AG402
});
