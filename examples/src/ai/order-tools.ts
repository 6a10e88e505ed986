import { tool } from 'ai';
import { z } from 'zod';
import { findOrder } from '@/lib/db';

const orderNumber = z.string().regex(/^ACM-\d{6}$/, 'Order numbers look like ACM-123456');

export const getOrderStatus = tool({
  description: 'Look up the status, carrier and tracking number of an order.',
  inputSchema: z.object({ orderNumber }),
  execute: async ({ orderNumber }) => {
    const order = await findOrder(orderNumber);
    if (!order) return { found: false as const };
    return { found: true as const, status: order.status, carrier: order.carrier, trackingNumber: order.tracking_number };
  },
});

export const requestReturnLabel = tool({
  description: 'Create a prepaid return label for a delivered order (within 30 days of delivery).',
  inputSchema: z.object({
    orderNumber,
    reason: z.enum(['damaged', 'wrong_item', 'no_longer_needed']),
  }),
  execute: async ({ orderNumber, reason }) => {
    const order = await findOrder(orderNumber);
    if (order?.status !== 'delivered') return { created: false, why: 'Only delivered orders can be returned.' };
    const token = process.env.SHIPPO_API_TOKEN;
    const res = await fetch('https://api.goshippo.com/transactions/', {
      method: 'POST',
      headers: { Authorization: `ShippoToken ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rate: 'return', metadata: `${orderNumber}:${reason}`, label_file_type: 'PDF' }),
    });
    const label = (await res.json()) as { label_url: string; tracking_number: string };
    return { created: true, labelUrl: label.label_url, trackingNumber: label.tracking_number };
  },
});
