import { Agent } from '@openai/agents';
import { issueRefund, lookupInvoice } from './tools';

// expect[+8]: AG103
/**
 * @agentIdentity billing-agent
 * @owner @acme/payments
 * @purpose Explains invoices and issues refunds within the refund policy.
 * @tools lookup_invoice, issue_refund
 * @secrets STRIPE_SECRET_KEY
 * @memory none
 * @expires 2025-09-30
 */
export const billingAgent = new Agent({
  name: 'Billing Agent',
  handoffDescription: 'Questions about invoices, charges, failed payments and refunds.',
  instructions: [
    'You handle billing for Acme customers.',
    'Look the invoice up before discussing amounts.',
    'Refunds follow the policy: full refund within 14 days, pro-rated after that.',
  ].join('\n'),
  model: 'gpt-4.1-mini',
  tools: [lookupInvoice, issueRefund],
});
