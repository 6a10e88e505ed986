import type { ApprovalGate, MemoryUse } from '../model/types';
import { spanOf } from '../engine/spans';
import { propertyNameText, unwrapExpression } from '../engine/symbols';
import { ts } from '../engine/ts';
import { executeFunction, firstObjectArgument, property, propertyValue, stringProperty, type FrameworkAdapter } from './adapter';

export const langchain: FrameworkAdapter = {
  framework: 'langchain',
  agentConfig: (call) => firstObjectArgument(call),
  nameProperties: ['name'],
  toolProperties: ['tools'],
  delegateProperties: [{ property: 'subagents', form: 'sub-agent' }],
  memory(config): MemoryUse[] {
    const uses: MemoryUse[] = [];
    for (const [name, kind] of [['checkpointer', 'checkpoint'], ['checkpointSaver', 'checkpoint'], ['store', 'store']] as const) {
      const p = property(config, name);
      const v = propertyValue(config, name);
      if (!p || !v || unwrapExpression(v).kind === ts.SyntaxKind.FalseKeyword) continue;
      uses.push({ kind, span: spanOf(p), description: kind === 'checkpoint' ? 'LangGraph checkpointer (thread state)' : 'LangGraph store (long-term memory)' });
    }
    return uses;
  },
  agentApprovals(config) {
    const gates = new Map<string, ApprovalGate>();
    const interruptBefore = property(config, 'interruptBefore');
    if (interruptBefore) gates.set('*', { kind: 'interruptBefore', span: spanOf(interruptBefore) });
    const middleware = propertyValue(config, 'middleware');
    const list = middleware && unwrapExpression(middleware);
    if (list && ts.isArrayLiteralExpression(list)) {
      for (const element of list.elements) {
        const call = unwrapExpression(element);
        if (!ts.isCallExpression(call)) continue;
        const arg = call.arguments[0] && unwrapExpression(call.arguments[0]);
        const interruptOn = arg && ts.isObjectLiteralExpression(arg) ? propertyValue(arg, 'interruptOn') : undefined;
        const map = interruptOn && unwrapExpression(interruptOn);
        if (!map || !ts.isObjectLiteralExpression(map)) continue;
        for (const entry of map.properties) {
          if (!ts.isPropertyAssignment(entry)) continue;
          const key = propertyNameText(entry.name);
          if (key && unwrapExpression(entry.initializer).kind !== ts.SyntaxKind.FalseKeyword) gates.set(key, { kind: 'humanInTheLoopMiddleware', span: spanOf(entry) });
        }
      }
    }
    return gates;
  },
  toolShape(call) {
    // `tool(fn, { name, schema })` or `new DynamicStructuredTool({ name, func })`.
    const first = call.arguments?.[0] && unwrapExpression(call.arguments[0]);
    if (first && (ts.isArrowFunction(first) || ts.isFunctionExpression(first) || ts.isIdentifier(first))) {
      const options = call.arguments?.[1] && unwrapExpression(call.arguments[1]);
      return { execute: first, config: options && ts.isObjectLiteralExpression(options) ? options : undefined, toolId: options && ts.isObjectLiteralExpression(options) ? stringProperty(options, ['name']) : undefined };
    }
    if (first && ts.isObjectLiteralExpression(first)) return { toolId: stringProperty(first, ['name']), execute: executeFunction(first, ['func', 'execute']), config: first };
    return {};
  },
};

