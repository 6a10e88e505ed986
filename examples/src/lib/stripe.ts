import Stripe from 'stripe';
import { env } from '@/env';

// One client for the whole app: invoices, refunds and the webhook all go through the account's
// full secret key.
export const stripe = new Stripe(env.STRIPE_SECRET_KEY, { // expect: AG201
  maxNetworkRetries: 2,
  appInfo: { name: 'acme-support', version: '0.3.0' },
});

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function formatAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}
