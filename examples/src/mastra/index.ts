import { Mastra } from '@mastra/core';
import { LibSQLStore } from '@mastra/libsql';
import { supportAgent } from './agents/support-agent';

export const mastra = new Mastra({
  agents: { supportAgent },
  storage: new LibSQLStore({ id: 'mastra-storage', url: 'file:./data/mastra.db' }),
});
