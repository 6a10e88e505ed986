import { generateText, stepCountIs, type ModelMessage } from 'ai';
import { getOrderStatus, requestReturnLabel } from '@/ai/order-tools';

export const maxDuration = 30;

// expect[+3]: AG102
/**
 * @agentIdentity storefront-chat
 * @owner TODO
 * @purpose Answers order questions in the storefront chat widget.
 * @tools getOrderStatus, requestReturnLabel
 * @secrets DATABASE_URL, SHIPPO_API_TOKEN
 * @memory none
 */
export async function POST(req: Request) {
  const { messages }: { messages: ModelMessage[] } = await req.json();

  const result = await generateText({
    model: 'openai/gpt-4o-mini',
    instructions:
      'You help Acme customers with their orders. Ask for the order number, never guess it. ' +
      'Offer a return label only for delivered orders.',
    messages,
    tools: { getOrderStatus, requestReturnLabel },
    toolApproval: { requestReturnLabel: 'user-approval' },
    stopWhen: stepCountIs(5),
  });

  return Response.json({ text: result.text, messages: result.response.messages });
}
