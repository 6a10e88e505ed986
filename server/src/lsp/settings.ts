import { z } from 'zod';

/** The `agentGovernance.*` settings, validated: a bad value falls back to its default, never throws. */
export const settingsSchema = z.object({
  enable: z.boolean().catch(true).default(true),
  defaultOwner: z.string().catch('').default(''),
  configPath: z.string().catch('').default(''),
});

export type Settings = z.infer<typeof settingsSchema>;

export function parseSettings(value: unknown): Settings {
  const result = settingsSchema.safeParse(value ?? {});
  return result.success ? result.data : settingsSchema.parse({});
}
