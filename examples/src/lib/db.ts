import pg from 'pg';
import { env } from '@/env';

export const pool = new pg.Pool({
  connectionString: env.DATABASE_URL, // expect: AG201
  max: 5,
  idleTimeoutMillis: 30_000,
});

export interface OrderRow {
  number: string;
  status: 'pending' | 'paid' | 'shipped' | 'delivered' | 'returned';
  carrier: string | null;
  tracking_number: string | null;
  delivered_at: Date | null;
}

export async function findOrder(orderNumber: string): Promise<OrderRow | undefined> {
  const { rows } = await pool.query<OrderRow>(
    'select number, status, carrier, tracking_number, delivered_at from orders where number = $1',
    [orderNumber],
  );
  return rows[0];
}
