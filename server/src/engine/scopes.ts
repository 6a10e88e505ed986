/**
 * Recognises wildcard and administrative permission scopes written in code: IAM policy actions and
 * resources, OAuth scopes, and generic `scopes: ['*']` lists.
 */

/** Properties whose string values are permissions. */
export const SCOPE_PROPERTIES = /^(action|actions|notaction|resource|resources|scope|scopes|permission|permissions|role|roles|grant|grants|allowedactions)$/i;

const ADMIN_SCOPES = new Map<string, string>([
  ['https://www.googleapis.com/auth/cloud-platform', 'full access to every Google Cloud service'],
  ['https://www.googleapis.com/auth/drive', 'full access to all Google Drive files'],
  ['https://mail.google.com/', 'full access to Gmail'],
  ['https://www.googleapis.com/auth/gmail.modify', 'read and modify all Gmail'],
  ['https://graph.microsoft.com/.default', 'every Microsoft Graph permission the app was granted'],
  ['admin:org', 'GitHub organisation administration'],
  ['admin:enterprise', 'GitHub enterprise administration'],
  ['admin:repo_hook', 'GitHub repository hook administration'],
  ['admin:org_hook', 'GitHub organisation hook administration'],
  ['admin:public_key', 'GitHub key administration'],
  ['admin:gpg_key', 'GitHub key administration'],
  ['delete_repo', 'deleting GitHub repositories'],
  ['repo', 'full control of every private GitHub repository'],
  ['write:org', 'GitHub organisation writes'],
  ['AdministratorAccess', 'AWS administrator access'],
  ['arn:aws:iam::aws:policy/AdministratorAccess', 'AWS administrator access'],
  ['roles/owner', 'Google Cloud project owner'],
  ['roles/editor', 'Google Cloud project editor'],
  ['Owner', 'Azure subscription owner'],
]);

export interface ScopeMatch {
  scope: string;
  reason: string;
}

/** Whether a string, written as the value of a permission property (or an IAM policy), is too broad. */
export function matchWildcardScope(value: string, property: string | undefined, inPolicyDocument: boolean): ScopeMatch | undefined {
  const inScopeContext = inPolicyDocument || (!!property && SCOPE_PROPERTIES.test(property));
  if (value === '*' && inScopeContext) return { scope: value, reason: 'a wildcard that grants everything' };
  if (/^[a-z0-9-]+:\*$/i.test(value) && inScopeContext) return { scope: value, reason: `every action of the ${value.split(':')[0]} service` };
  if (/^arn:aws[a-z-]*:[a-z0-9-]+:[^:]*:[^:]*:\*$/.test(value) && inScopeContext) return { scope: value, reason: 'every resource of the service' };
  const admin = ADMIN_SCOPES.get(value);
  if (admin && (inScopeContext || value.startsWith('https://') || value.includes(':'))) return { scope: value, reason: admin };
  if (/(^|[:/.])(admin|\*)$/i.test(value) && inScopeContext && value.includes(':')) return { scope: value, reason: 'an administrative scope' };
  return undefined;
}
