import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

/**
 * Validated server environment. Import `env` instead of reading `process.env` in feature code, so a
 * missing key fails at boot instead of halfway through a refund.
 */
export const env = createEnv({
  server: {
    DATABASE_URL: z.string().url(),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_'),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
    HUBSPOT_ACCESS_TOKEN: z.string().min(1),
    OPENAI_API_KEY: z.string().min(1),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
