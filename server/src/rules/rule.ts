import type { AgentModel, Fix, RelatedInfo, Span, TagEntry } from '../model/types';
import type { WorkspaceModel } from '../engine/analyzer';
import type { Observed } from '../engine/observed';
import type { Policy, PolicyProblem } from '../engine/policy';
import type { Suppression } from '../engine/suppressions';
import type { RuleMeta } from './meta';

export interface RuleReport<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  span: Span;
  agent?: AgentModel;
  related?: RelatedInfo[];
  fixes?: Fix[];
}

export interface RuleContext<M extends string = string> {
  model: WorkspaceModel;
  policy: Policy;
  /** Today, as a `YYYY-MM-DD` string (injected so tests are stable). */
  today: string;
  observed(agent: AgentModel): Observed;
  /** The owner a new declaration should name for a file (CODEOWNERS, then the setting, then TODO). */
  suggestedOwner(file: string): string;
  /** Agents that share an identity id, by id. */
  identities: Map<string, AgentModel[]>;
  /** Problems of the policy file (AG901). */
  policyProblems: PolicyProblem[];
  /** Every suppression comment in the analysed files (AG902). */
  suppressions: Suppression[];
  /** The agent with a given key. */
  agent(key: string): AgentModel | undefined;
  /** The quick fix that writes a least-privilege declaration for an agent. */
  declarationFix(agent: AgentModel): Fix;
  addEntryFix(agent: AgentModel, tag: string, value: string): Fix | undefined;
  removeEntryFix(agent: AgentModel, tag: string, entry: TagEntry): Fix | undefined;
  report(report: RuleReport<M>): void;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta & { messages: Record<M, string> };
  check(ctx: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** `{{name}}` placeholders in a message. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(data[key] ?? `{{${key}}}`));
}
