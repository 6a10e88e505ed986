import { MemorySession, run, type RunToolApprovalItem } from '@openai/agents';
import { triageAgent } from './triage-agent';

// Conversations are kept in memory per chat so customers don't have to repeat themselves.
const sessions = new Map<string, MemorySession>();

export interface ChatReply {
  reply: string | undefined;
  pendingApprovals: { tool: string; arguments: string | undefined }[];
}

export async function handleChatMessage(conversationId: string, text: string): Promise<ChatReply> {
  let session = sessions.get(conversationId);
  if (!session) {
    session = new MemorySession();
    sessions.set(conversationId, session);
  }

  const result = await run(triageAgent, text, {
    session, // expect: AG104
    maxTurns: 8,
  });

  return {
    reply: typeof result.finalOutput === 'string' ? result.finalOutput : undefined,
    pendingApprovals: result.interruptions.map((item: RunToolApprovalItem) => ({
      tool: item.name ?? 'unknown',
      arguments: item.arguments,
    })),
  };
}
