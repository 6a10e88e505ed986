import { run } from '@openai/agents';
import { supportAgent } from './agents/support';
import { triageAgent } from './agents/triage';

export async function answer(question: string): Promise<string> {
  const triaged = await run(triageAgent, question);
  if (triaged.finalOutput) return String(triaged.finalOutput);
  const reply = await supportAgent.generate(question);
  return reply.text;
}
