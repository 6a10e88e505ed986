import { HISTORY_LOADER } from '../engine/memorySources';
import { unwrapExpression } from '../engine/symbols';
import { spanOf } from '../engine/spans';
import { ts } from '../engine/ts';
import type { MemoryUse } from '../model/types';
import { approvalFrom, executeFunction, firstObjectArgument, property, propertyValue, type FrameworkAdapter } from './adapter';


export const aiSdk: FrameworkAdapter = {
  framework: 'ai-sdk',
  agentConfig: (call) => firstObjectArgument(call),
  nameProperties: ['id'],
  toolProperties: ['tools'],
  delegateProperties: [],
  /** Chat history loaded from storage and handed to the model: `messages: await loadChat(id)`. */
  memory(config, helpers): MemoryUse[] {
    const p = property(config, 'messages');
    const value = propertyValue(config, 'messages');
    if (!p || !value) return [];
    const v = helpers.valueOf(value);
    const calls: ts.CallExpression[] = [];
    // `messages: [...history, message]` with `const history = await loadChat(id)`, or `let history = []`
    // assigned `history = await loadChat(id)` later: follow the names.
    const visit = (n: ts.Node, depth: number) => {
      if (ts.isCallExpression(n)) calls.push(n);
      if (ts.isIdentifier(n) && depth < 3) {
        const resolved = helpers.valueOf(n);
        if (resolved !== n) visit(resolved, depth + 1);
        for (const assigned of helpers.assignedValues(n)) visit(assigned, depth + 1);
      }
      ts.forEachChild(n, (c) => visit(c, depth));
    };
    visit(v, 0);
    const loads = calls.some((c) => {
      const callee = c.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      return HISTORY_LOADER.test(name);
    });
    return loads ? [{ kind: 'thread', span: spanOf(p), description: 'chat history loaded from storage' }] : [];
  },
  agentApprovals(config) {
    const gates = new Map();
    const p = property(config, 'toolApproval');
    if (p && ts.isPropertyAssignment(p)) {
      const v = unwrapExpression(p.initializer);
      if (ts.isObjectLiteralExpression(v)) {
        for (const entry of v.properties) {
          if (!ts.isPropertyAssignment(entry) || !entry.name) continue;
          const value = unwrapExpression(entry.initializer);
          if (ts.isStringLiteralLike(value) && ['approved', 'not-applicable'].includes(value.text)) continue;
          gates.set(entry.name.getText().replace(/^['"]|['"]$/g, ''), { kind: 'toolApproval', span: spanOf(entry) });
        }
      } else {
        gates.set('*', { kind: 'toolApproval', span: spanOf(p) });
      }
    }
    return gates;
  },
  toolShape(call) {
    const arg = call.arguments?.[0] && unwrapExpression(call.arguments[0]);
    if (!arg || !ts.isObjectLiteralExpression(arg)) return {};
    return { execute: executeFunction(arg, ['execute']), config: arg, approval: approvalFrom(arg, ['needsApproval']) };
  },
};
