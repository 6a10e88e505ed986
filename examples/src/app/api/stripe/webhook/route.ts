import type Stripe from 'stripe';
import { env } from '@/env';
import { stripe } from '@/lib/stripe';
import { pool } from '@/lib/db';

// Stripe webhook: not an agent, just keeps the orders table in sync with payments.
export async function POST(req: Request) {
  const signature = req.headers.get('stripe-signature');
  if (!signature) return new Response('missing signature', { status: 400 });

  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(await req.text(), signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return new Response('bad signature', { status: 400 });
  }

  if (event.type === 'charge.refunded') {
    const charge = event.data.object;
    await pool.query("update orders set status = 'returned' where stripe_charge_id = $1", [charge.id]);
  }
  return Response.json({ received: true });
}
