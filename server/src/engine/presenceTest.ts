import { ts } from './ts';

/**
 * Whether an expression's value is only tested, never used: `if (process.env.X)`, `!process.env.X`,
 * `Boolean(process.env.A || process.env.B)`, `process.env.MODE === 'live'`, `process.env.X ? a : b`.
 * A secret read this way is checked for, not handed to anything, so it widens no identity. Through
 * `||`, `&&` and `??` the whole chain's position decides, except that the left side of `&&` is always
 * a test.
 */
export function isPresenceTest(expr: ts.Expression): boolean {
  let node: ts.Node = expr;
  for (;;) {
    const parent: ts.Node = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent)) {
      node = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === node) return true;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
        node = parent;
        continue;
      }
      if (EQUALITY.has(op)) return isLiteral(parent.left === node ? parent.right : parent.left);
      return false;
    }
    if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
    if (ts.isTypeOfExpression(parent)) return true;
    if (ts.isConditionalExpression(parent)) return parent.condition === node;
    if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === node;
    if (ts.isCallExpression(parent)) return ts.isIdentifier(parent.expression) && parent.expression.text === 'Boolean' && parent.arguments.length === 1;
    return false;
  }
}

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function isLiteral(expr: ts.Expression): boolean {
  const e = ts.isParenthesizedExpression(expr) ? expr.expression : expr;
  return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}
