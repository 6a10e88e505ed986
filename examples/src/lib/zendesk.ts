const ZENDESK_BASE_URL = 'https://acme.zendesk.com/api/v2';

export interface ZendeskTicket {
  id: number;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  requester_id: number;
  updated_at: string;
}

function authHeader(): string {
  const token = process.env.ZENDESK_TOKEN;
  if (!token) throw new Error('Zendesk is not configured');
  return 'Basic ' + Buffer.from(`support-bot@acme.example/token:${token}`).toString('base64');
}

export async function zendeskGet<T>(path: string): Promise<T> {
  const res = await fetch(`${ZENDESK_BASE_URL}${path}`, {
    headers: { Accept: 'application/json', Authorization: authHeader() },
  });
  if (!res.ok) throw new Error(`Zendesk GET ${path} failed with ${res.status}`);
  return (await res.json()) as T;
}

export async function zendeskPut<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${ZENDESK_BASE_URL}${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: authHeader() },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`Zendesk PUT ${path} failed with ${res.status}`);
  return (await res.json()) as T;
}
