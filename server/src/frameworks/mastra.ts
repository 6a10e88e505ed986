import type { MemoryUse } from '../model/types';
import { spanOf } from '../engine/spans';
import { unwrapExpression } from '../engine/symbols';
import { ts } from '../engine/ts';
import { approvalFrom, executeFunction, firstObjectArgument, property, propertyValue, stringProperty, type FrameworkAdapter } from './adapter';

/** Memory kinds a Mastra `new Memory({ options })` recalls into the prompt. */
function memoryKinds(memoryValue: ts.Expression, roleOf: (n: ts.Node) => string | undefined): string[] {
  const e = unwrapExpression(memoryValue);
  if (!(ts.isNewExpression(e) || ts.isCallExpression(e)) || roleOf(e) !== 'memory') return ['thread'];
  const config = e.arguments?.[0] && unwrapExpression(e.arguments[0]);
  const options = config && ts.isObjectLiteralExpression(config) ? propertyValue(config, 'options') : undefined;
  const opts = options && unwrapExpression(options);
  const kinds: string[] = [];
  const isOff = (v: ts.Expression | undefined) => !!v && unwrapExpression(v).kind === ts.SyntaxKind.FalseKeyword;
  if (!opts || !ts.isObjectLiteralExpression(opts)) return ['thread'];
  if (!isOff(propertyValue(opts, 'lastMessages'))) kinds.push('thread');
  const semantic = propertyValue(opts, 'semanticRecall');
  if (semantic && !isOff(semantic)) kinds.push('semantic');
  const working = propertyValue(opts, 'workingMemory');
  const w = working && unwrapExpression(working);
  if (w && !isOff(w)) {
    const enabled = ts.isObjectLiteralExpression(w) ? propertyValue(w, 'enabled') : undefined;
    if (!ts.isObjectLiteralExpression(w) || (enabled && !isOff(enabled))) kinds.push('working');
  }
  return kinds;
}

export const mastra: FrameworkAdapter = {
  framework: 'mastra',
  agentConfig: (call) => firstObjectArgument(call),
  nameProperties: ['id', 'name'],
  toolProperties: ['tools'],
  delegateProperties: [{ property: 'agents', form: 'sub-agent' }],
  memory(config, helpers): MemoryUse[] {
    const p = property(config, 'memory');
    const value = propertyValue(config, 'memory');
    if (!p || !value) return [];
    const resolved = helpers.valueOf(value);
    return memoryKinds(resolved, helpers.roleOf).map((kind) => ({ kind: kind as MemoryUse['kind'], span: spanOf(p), description: `Mastra memory (${kind})` }));
  },
  agentApprovals(config) {
    const gates = new Map();
    const defaults = propertyValue(config, 'defaultOptions');
    const d = defaults && unwrapExpression(defaults);
    if (d && ts.isObjectLiteralExpression(d)) {
      const gate = approvalFrom(d, ['requireToolApproval']);
      if (gate) gates.set('*', gate);
    }
    const hooks = propertyValue(config, 'hooks');
    const h = hooks && unwrapExpression(hooks);
    if (h && ts.isObjectLiteralExpression(h)) {
      const gate = approvalFrom(h, ['beforeToolCall']);
      if (gate) gates.set('*', gate);
    }
    return gates;
  },
  toolShape(call) {
    const arg = call.arguments?.[0] && unwrapExpression(call.arguments[0]);
    if (!arg || !ts.isObjectLiteralExpression(arg)) return {};
    return { toolId: stringProperty(arg, ['id']), execute: executeFunction(arg, ['execute']), config: arg, approval: approvalFrom(arg, ['requireApproval']) };
  },
};
