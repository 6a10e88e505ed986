import { tool } from '@openai/agents';
import { z } from 'zod';
import { formatAmount, stripe, toCents } from '@/lib/stripe';

export const lookupInvoice = tool({
  name: 'lookup_invoice',
  description: 'Fetch an invoice with its line items and payment status.',
  parameters: z.object({ invoiceId: z.string().startsWith('in_') }),
  execute: async ({ invoiceId }) => {
    const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ['lines'] });
    return {
      id: invoice.id,
      status: invoice.status,
      amountDue: formatAmount(invoice.amount_due, invoice.currency),
      lines: invoice.lines.data.map((line) => line.description),
    };
  },
});

export const issueRefund = tool({
  name: 'issue_refund',
  description: 'Refund all or part of a payment. Refunds over $50 wait for a human to approve them.',
  parameters: z.object({
    paymentIntentId: z.string().startsWith('pi_'),
    amount: z.number().positive(),
    reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']),
  }),
  needsApproval: async (_runContext, { amount }) => amount > 50,
  execute: async ({ paymentIntentId, amount, reason }) => {
    const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, amount: toCents(amount), reason });
    return `Refund ${refund.id} is ${refund.status}`;
  },
});
