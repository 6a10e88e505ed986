/**
 * Recognises credential literals by their shape, and high-entropy strings given credential-like names.
 * Only a recognisable prefix ever leaves this module: the value itself is never stored in a finding.
 */

export interface CredentialMatch {
  /** What it looks like: `Stripe live secret key`. */
  kind: string;
  /** At most a recognisable prefix followed by an ellipsis, e.g. `sk_live_…`; never the value. */
  redacted: string;
  /** Long-lived and unrestricted by its shape (an admin key, a classic token, a live secret key). */
  broad: boolean;
}

interface Shape {
  kind: string;
  pattern: RegExp;
  prefix: (value: string) => string;
  broad: boolean;
}

const fixed = (p: string) => () => p;
const SHAPES: Shape[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----/, prefix: fixed('-----BEGIN PRIVATE KEY-----'), broad: true },
  { kind: 'Anthropic admin key', pattern: /^sk-ant-admin\d{2}-[A-Za-z0-9_-]{20,}$/, prefix: fixed('sk-ant-admin'), broad: true },
  { kind: 'Anthropic API key', pattern: /^sk-ant-(?:api\d{2}-)?[A-Za-z0-9_-]{20,}$/, prefix: fixed('sk-ant-'), broad: false },
  { kind: 'OpenAI admin key', pattern: /^sk-admin-[A-Za-z0-9_-]{20,}$/, prefix: fixed('sk-admin-'), broad: true },
  { kind: 'OpenAI project key', pattern: /^sk-proj-[A-Za-z0-9_-]{20,}$/, prefix: fixed('sk-proj-'), broad: false },
  { kind: 'OpenAI service account key', pattern: /^sk-svcacct-[A-Za-z0-9_-]{20,}$/, prefix: fixed('sk-svcacct-'), broad: false },
  { kind: 'OpenAI API key', pattern: /^sk-[A-Za-z0-9]{20,}(?:T3BlbkFJ[A-Za-z0-9]{20,})?$/, prefix: fixed('sk-'), broad: true },
  { kind: 'Stripe live secret key', pattern: /^sk_live_[A-Za-z0-9]{16,}$/, prefix: fixed('sk_live_'), broad: true },
  { kind: 'Stripe live restricted key', pattern: /^rk_live_[A-Za-z0-9]{16,}$/, prefix: fixed('rk_live_'), broad: false },
  { kind: 'AWS access key id', pattern: /^AKIA[A-Z0-9]{16}$/, prefix: fixed('AKIA'), broad: true },
  { kind: 'AWS temporary access key id', pattern: /^ASIA[A-Z0-9]{16}$/, prefix: fixed('ASIA'), broad: false },
  { kind: 'GitHub classic token', pattern: /^(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/, prefix: (v) => v.slice(0, 4), broad: true },
  { kind: 'GitHub fine-grained token', pattern: /^github_pat_[A-Za-z0-9_]{30,}$/, prefix: fixed('github_pat_'), broad: false },
  { kind: 'Slack token', pattern: /^xox[abposre]-[A-Za-z0-9-]{10,}$/, prefix: (v) => v.slice(0, 5), broad: false },
  { kind: 'Google API key', pattern: /^AIza[0-9A-Za-z_-]{35}$/, prefix: fixed('AIza'), broad: false },
  { kind: 'JSON web token', pattern: /^(?:Bearer\s+)?eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/, prefix: (v) => (v.startsWith('Bearer') ? 'Bearer eyJ' : 'eyJ'), broad: false },
];

/** Names that say a value is a credential. */
export const CREDENTIAL_NAME = /(api[_-]?key|apikey|secret|token|passw(or)?d|passwd|pwd|credential|private[_-]?key|access[_-]?key|auth(orization)?|bearer|client[_-]?secret|signing[_-]?key)/i;

const PLACEHOLDER = /(x{4,}|\*{3,}|<[^>]*>|\$\{|your[_-]|changeme|change[_-]me|example|placeholder|dummy|redacted|replace[_-]?me|todo|insert[_-])/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** The credential a literal is, by shape, or by entropy when its name says it is a credential. */
export function matchCredential(value: string, name?: string): CredentialMatch | undefined {
  const trimmed = value.trim();
  for (const shape of SHAPES) {
    if (shape.pattern.test(trimmed)) return { kind: shape.kind, redacted: `${shape.prefix(trimmed)}…`, broad: shape.broad };
  }
  if (!name || !CREDENTIAL_NAME.test(name)) return undefined;
  if (trimmed.length < 20 || /\s/.test(trimmed) || PLACEHOLDER.test(trimmed) || UUID.test(trimmed) || HEX.test(trimmed) || ENV_NAME.test(trimmed)) return undefined;
  if (/^[a-z]+:\/\//i.test(trimmed) || trimmed.includes('/') && !/^[A-Za-z0-9+/]+=*$/.test(trimmed)) return undefined;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(trimmed)).length;
  if (classes < 2 || shannonEntropy(trimmed) < 3.5) return undefined;
  return { kind: 'high-entropy string', redacted: '…', broad: false };
}
