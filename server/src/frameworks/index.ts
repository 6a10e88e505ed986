import type { Framework } from '../model/types';
import type { FrameworkAdapter } from './adapter';
import { aiSdk } from './aiSdk';
import { langchain } from './langchain';
import { mastra } from './mastra';
import { openaiAgents } from './openaiAgents';

const ADAPTERS: Partial<Record<Framework, FrameworkAdapter>> = { mastra, 'ai-sdk': aiSdk, 'openai-agents': openaiAgents, langchain };

export function adapterFor(framework: Framework): FrameworkAdapter | undefined {
  return ADAPTERS[framework];
}
