import type { ApprovalGate, Framework, MemoryUse } from '../model/types';
import { propertyNameText, unwrapExpression } from '../engine/symbols';
import { spanOf } from '../engine/spans';
import { ts } from '../engine/ts';

/** What the shared extractor needs to know about one framework's agent and tool shapes. */
export interface FrameworkAdapter {
  framework: Framework;
  /** The config object of an agent construction. */
  agentConfig(call: ts.CallExpression | ts.NewExpression): ts.Expression | undefined;
  /** The agent's configured name/id property names, in order of preference. */
  nameProperties: string[];
  /** Properties holding tools (record or array). */
  toolProperties: string[];
  /** Properties holding sub-agents / handoffs. */
  delegateProperties: { property: string; form: 'sub-agent' | 'handoff' }[];
  /** Memory declared in the agent's config. */
  memory(config: ts.ObjectLiteralExpression, helpers: AdapterHelpers): MemoryUse[];
  /** Approval configured on the agent for all or some tools. */
  agentApprovals(config: ts.ObjectLiteralExpression): Map<string, ApprovalGate>;
  /** The tool config: its id/name, execute function and approval. */
  toolShape(call: ts.CallExpression | ts.NewExpression): ToolShape;
}

export interface ToolShape {
  toolId?: string;
  execute?: ts.Node;
  config?: ts.ObjectLiteralExpression;
  approval?: ApprovalGate;
}

export interface AdapterHelpers {
  /** The value an expression denotes, through const variables. */
  valueOf(expr: ts.Expression): ts.Expression;
  /** The catalogue role of a call/new expression, if it is a framework construction. */
  roleOf(node: ts.Node): string | undefined;
  /** What is assigned to a `let`/`var` variable after its declaration (`history = await load(id)`). */
  assignedValues(id: ts.Identifier): ts.Expression[];
}

export function firstObjectArgument(call: ts.CallExpression | ts.NewExpression, index = 0): ts.Expression | undefined {
  return call.arguments?.[index];
}

export function property(config: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return config.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name && propertyNameText(p.name) === name);
}

export function propertyValue(config: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const p = property(config, name);
  if (!p) return undefined;
  if (ts.isPropertyAssignment(p)) return p.initializer;
  if (ts.isShorthandPropertyAssignment(p)) return p.name;
  if (ts.isMethodDeclaration(p)) return undefined;
  return undefined;
}

export function stringProperty(config: ts.ObjectLiteralExpression, names: string[]): string | undefined {
  for (const name of names) {
    const v = propertyValue(config, name);
    const e = v && unwrapExpression(v);
    if (e && ts.isStringLiteralLike(e)) return e.text;
  }
  return undefined;
}

/** An approval option is on unless it is literally `false` (or `'never'` for hosted MCP tools). */
export function approvalFrom(config: ts.ObjectLiteralExpression, names: string[]): ApprovalGate | undefined {
  for (const name of names) {
    const p = property(config, name);
    if (!p) continue;
    if (ts.isPropertyAssignment(p)) {
      const v = unwrapExpression(p.initializer);
      if (v.kind === ts.SyntaxKind.FalseKeyword || (ts.isStringLiteralLike(v) && v.text === 'never')) continue;
    }
    return { kind: name, span: spanOf(p) };
  }
  return undefined;
}

export function executeFunction(config: ts.ObjectLiteralExpression, names: string[]): ts.Node | undefined {
  for (const name of names) {
    const p = property(config, name);
    if (!p) continue;
    if (ts.isMethodDeclaration(p)) return p;
    if (ts.isPropertyAssignment(p)) return unwrapExpression(p.initializer);
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}
