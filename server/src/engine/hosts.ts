import type { DeclarationHost } from '../model/types';
import { isIdentityDoc } from './declaration';
import { propertyNameText } from './symbols';
import { spanOf } from './spans';
import { ts } from './ts';

export interface HostInfo {
  host: DeclarationHost;
  /** The node whose JSDoc holds (or would hold) the declaration. */
  node: ts.Node;
  /** Further nodes whose JSDoc may hold the declaration (a class around a member). */
  outer: ts.Node[];
  name?: string;
}

function skipWrappers(node: ts.Node): ts.Node {
  let p = node.parent;
  let child = node;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p) || ts.isAwaitExpression(p) || ts.isTypeAssertionExpression(p))) {
    child = p;
    p = p.parent;
  }
  return child;
}

/** The statement-level node that holds a function (its declaration, its variable, the call it is passed to). */
function functionHost(fn: ts.Node): { node: ts.Node; name?: string } {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) return { node: fn, name: fn.name && propertyNameText(fn.name) };
  const top = skipWrappers(fn);
  const p = top.parent;
  if (ts.isVariableDeclaration(p) && ts.isVariableDeclarationList(p.parent) && ts.isVariableStatement(p.parent.parent)) return { node: p.parent.parent, name: ts.isIdentifier(p.name) ? p.name.text : undefined };
  if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return { node: p, name: propertyNameText(p.name) };
  if (ts.isExportAssignment(p)) return { node: p, name: 'default' };
  return { node: enclosingStatement(fn) };
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  let fn: ts.Node | undefined = node.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  return fn as ts.SignatureDeclaration | undefined;
}

/** A function expression passed to a call, directly or as a property of an object literal argument. */
function isCallback(fn: ts.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isMethodDeclaration(fn)) return false;
  let p = skipWrappers(fn).parent;
  if (ts.isMethodDeclaration(fn)) p = fn.parent;
  else if (ts.isPropertyAssignment(p)) p = p.parent;
  else return ts.isCallExpression(p) || ts.isNewExpression(p);
  if (!ts.isObjectLiteralExpression(p)) return false;
  const holder = skipWrappers(p).parent;
  return ts.isCallExpression(holder) || ts.isNewExpression(holder);
}

function enclosingStatement(node: ts.Node): ts.Node {
  let n: ts.Node = node;
  while (n.parent && !ts.isSourceFile(n.parent) && !ts.isBlock(n.parent) && !ts.isModuleBlock(n.parent) && !ts.isClassLike(n.parent)) n = n.parent;
  return n;
}

/**
 * Where the identity declaration of an agent built at `construction` lives: the variable statement,
 * property, class member, returning function or `export default` that holds it. For AI SDK calls the
 * declaration goes on the enclosing function (`perCall`).
 */
export function findHost(construction: ts.Node, perCall: boolean): HostInfo {
  let target: { node: ts.Node; name?: string };
  const outer: ts.Node[] = [];
  if (perCall) {
    let fn = enclosingFunction(construction);
    // A callback handed to a call (`createUIMessageStream({ execute: async () => … })`) is not where a
    // person looks for the agent: the function that makes the call is, when there is one.
    for (let outerFn = fn && enclosingFunction(fn); fn && outerFn && isCallback(fn); outerFn = enclosingFunction(outerFn)) fn = outerFn;
    target = fn ? functionHost(fn) : { node: enclosingStatement(construction) };
  } else {
    const top = skipWrappers(construction);
    const p = top.parent;
    if (ts.isVariableDeclaration(p) && p.initializer === top && ts.isVariableDeclarationList(p.parent) && ts.isVariableStatement(p.parent.parent)) {
      target = { node: p.parent.parent, name: ts.isIdentifier(p.name) ? p.name.text : undefined };
    } else if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === top) {
      target = { node: p, name: propertyNameText(p.name) };
      if (ts.isPropertyDeclaration(p) && ts.isClassLike(p.parent)) outer.push(p.parent);
    } else if (ts.isExportAssignment(p)) {
      target = { node: p, name: 'default' };
    } else if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === top)) {
      let fn: ts.Node | undefined = p;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      target = fn ? functionHost(fn) : { node: enclosingStatement(p) };
      if (fn && ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)) outer.push(fn.parent);
    } else if (ts.isBinaryExpression(p) && p.right === top && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // `this.agent = new Agent(...)` in a constructor, `module.exports.agent = …`
      target = { node: enclosingStatement(p), name: ts.isPropertyAccessExpression(p.left) ? p.left.name.text : undefined };
      let cls: ts.Node | undefined = p;
      while (cls && !ts.isClassLike(cls)) cls = cls.parent;
      if (cls) outer.push(cls);
    } else {
      target = { node: enclosingStatement(construction) };
    }
  }
  const node = target.node;
  const sf = node.getSourceFile();
  const text = sf.text;
  const start = node.getStart(sf, false);
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const before = text.slice(lineStart, start);
  const onOwnLine = /^\s*$/.test(before);
  const indent = onOwnLine ? before : (/^\s*/.exec(before)?.[0] ?? '');
  const existing = lastJsDoc(node);
  return {
    node,
    outer,
    name: target.name,
    host: {
      span: spanOf(node),
      insertAt: onOwnLine ? lineStart : start,
      indent,
      existingDoc: existing && !isIdentityDoc(existing.text) ? { file: sf.fileName, start: existing.pos, end: existing.end } : undefined,
    },
  };
}

/** The JSDoc block directly before a node, if any. */
export function lastJsDoc(node: ts.Node): { pos: number; end: number; text: string } | undefined {
  const sf = node.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i];
    const text = sf.text.slice(r.pos, r.end);
    if (r.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**') && !text.startsWith('/**/')) return { pos: r.pos, end: r.end, text };
  }
  return undefined;
}
