import type { Policy } from './policy';

/** Long-lived, unrestricted credentials, by name (DESIGN.md's default catalogue). */
export const BROAD_SECRET_NAMES = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'AZURE_CLIENT_SECRET',
  'STRIPE_SECRET_KEY',
  'STRIPE_API_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'FIREBASE_PRIVATE_KEY',
  'DATABASE_URL',
];

/** Names with one of these as a word are administrative. */
const BROAD_WORDS = /(^|_)(ADMIN|ROOT|MASTER|SUPERUSER|SERVICE_ROLE|OWNER)(_|$)/i;

export interface BroadVerdict {
  broad: boolean;
  reason?: string;
}

export function classifySecret(name: string, policy: Policy): BroadVerdict {
  const { add, patterns, remove, allow } = policy.broadSecrets;
  if (allow.includes(name) || remove.includes(name)) return { broad: false };
  if (add.includes(name)) return { broad: true, reason: 'listed as broad in the policy file' };
  for (const p of patterns) if (new RegExp(p).test(name)) return { broad: true, reason: `matches the policy pattern /${p}/` };
  if (BROAD_SECRET_NAMES.includes(name)) return { broad: true, reason: 'a long-lived, unrestricted credential' };
  const word = BROAD_WORDS.exec(name);
  if (word) return { broad: true, reason: `an administrative credential (${word[2].toUpperCase()})` };
  return { broad: false };
}
