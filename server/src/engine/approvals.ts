import type { Analyzer } from './analyzer';
import { spanOf } from './spans';
import { propertyNameText, unwrapExpression } from './symbols';
import { ts } from './ts';
import type { Workspace } from './workspace';

const HINT = /needsApproval|requireApproval|requireToolApproval/;
const RUN_METHODS = new Set(['generate', 'stream', 'generateVNext', 'streamVNext', 'generateLegacy', 'streamLegacy']);

function isOff(expr: ts.Expression): boolean {
  const e = unwrapExpression(expr);
  return e.kind === ts.SyntaxKind.FalseKeyword;
}

/**
 * Approval gates written outside the tool or agent config: `tool.needsApproval = …` after
 * construction (OpenAI), and `agent.generate(msg, { requireToolApproval: true })` (Mastra).
 */
export function attachLateApprovals(files: string[], workspace: Workspace, analyzer: Analyzer): void {
  for (const file of files) {
    const sf = workspace.sourceFile(file);
    if (!sf) continue;
    for (const node of lateApprovalNodes(sf)) {
      if (ts.isBinaryExpression(node)) {
        const left = node.left as ts.PropertyAccessExpression;
        const tool = analyzer.toolAt(left.expression);
        if (tool && !tool.approval) tool.approval = { kind: left.name.text, span: spanOf(node) };
        continue;
      }
      const agent = analyzer.agentAt((node.expression as ts.PropertyAccessExpression).expression);
      const options = node.arguments[1] && unwrapExpression(node.arguments[1]);
      if (agent && options && ts.isObjectLiteralExpression(options)) {
        const gate = options.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'requireToolApproval' && !isOff(p.initializer));
        if (gate && !agent.agentApprovals.has('*')) agent.agentApprovals.set('*', { kind: 'requireToolApproval', span: spanOf(gate) });
      }
    }
  }
}

/** The assignments and run calls of a parse that may carry a late approval, found once per parse. */
const candidatesByParse = new WeakMap<ts.SourceFile, (ts.BinaryExpression | ts.CallExpression)[]>();

function lateApprovalNodes(sf: ts.SourceFile): (ts.BinaryExpression | ts.CallExpression)[] {
  let found = candidatesByParse.get(sf);
  if (found) return found;
  found = [];
  if (HINT.test(sf.text)) {
    const out = found;
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && ['needsApproval', 'requireApproval'].includes(node.left.name.text) && !isOff(node.right)) out.push(node);
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && RUN_METHODS.has(node.expression.name.text)) out.push(node);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  candidatesByParse.set(sf, found);
  return found;
}
