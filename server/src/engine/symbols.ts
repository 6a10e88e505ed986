import { ts } from './ts';
import type { ModuleResolver } from './moduleResolver';
import type { Workspace } from './workspace';

/**
 * Where a name comes from, found by following imports, requires and re-exports through the workspace.
 * - `external`: an export of an npm package (or Node built-in), named by specifier and export name
 *   (`*` is the whole module); `members` are property accesses made on it (`Agent.create`).
 * - `module`: a whole workspace module (namespace import of a local file).
 * - `local`: a declaration or value in a workspace file.
 */
export type Origin =
  | { kind: 'external'; module: string; name: string; members: string[] }
  | { kind: 'module'; file: string }
  | { kind: 'local'; node: ts.Node; members: string[] };

const MAX_DEPTH = 12;

export function unwrapExpression(expr: ts.Expression): ts.Expression {
  let current = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current) || ts.isAwaitExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName | ts.MemberName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return !!(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === kind));
}

/** `require('x')` or `await import('x')`: the specifier, else undefined. */
export function requiredModule(expr: ts.Expression): string | undefined {
  const e = unwrapExpression(expr);
  if (!ts.isCallExpression(e) || e.arguments.length !== 1 || !ts.isStringLiteralLike(e.arguments[0])) return undefined;
  if (ts.isIdentifier(e.expression) && e.expression.text === 'require') return e.arguments[0].text;
  if (e.expression.kind === ts.SyntaxKind.ImportKeyword) return e.arguments[0].text;
  return undefined;
}

function addBindingNames(name: ts.BindingName, into: Map<string, ts.Node>): void {
  if (ts.isIdentifier(name)) {
    if (!into.has(name.text)) into.set(name.text, name.parent);
    return;
  }
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBindingNames(element.name, into);
}

function addStatementNames(statement: ts.Statement, into: Map<string, ts.Node>): void {
  const add = (text: string | undefined, node: ts.Node) => {
    if (text !== undefined && !into.has(text)) into.set(text, node);
  };
  if (ts.isVariableStatement(statement)) {
    for (const decl of statement.declarationList.declarations) addBindingNames(decl.name, into);
  } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    add(statement.name?.text, statement);
  } else if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    add(clause.name?.text, clause);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name.text, bindings);
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) add(e.name.text, e);
  } else if (ts.isImportEqualsDeclaration(statement)) {
    add(statement.name.text, statement);
  }
}

/**
 * The names a scope declares, built once per scope node: a lookup walks the enclosing scopes, so
 * without this index a file with many statements would be scanned once per identifier.
 */
const scopeIndex = new WeakMap<ts.Node, Map<string, ts.Node>>();

function namesDeclaredIn(node: ts.Node): Map<string, ts.Node> | undefined {
  let names = scopeIndex.get(node);
  if (names) return names;
  names = new Map();
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
    for (const statement of node.statements) addStatementNames(statement, names);
  }
  if (ts.isFunctionLike(node)) {
    for (const parameter of node.parameters) addBindingNames(parameter.name, names);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name && !names.has(node.name.text)) names.set(node.name.text, node);
  }
  if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    for (const decl of node.initializer.declarations) addBindingNames(decl.name, names);
  }
  if (ts.isCatchClause(node) && node.variableDeclaration) addBindingNames(node.variableDeclaration.name, names);
  scopeIndex.set(node, names);
  return names;
}

function isScope(node: ts.Node): boolean {
  return ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) || ts.isFunctionLike(node) || ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isCatchClause(node);
}

/** The declaration a name refers to at a place, by walking the enclosing scopes. */
export function findDeclaration(text: string, from: ts.Node): ts.Node | undefined {
  for (let node: ts.Node | undefined = from; node; node = node.parent) {
    if (!isScope(node)) continue;
    const found = namesDeclaredIn(node)?.get(text);
    if (found) return found;
  }
  return undefined;
}

/** The variable declaration at the root of a (possibly nested) binding element. */
export function rootVariableDeclaration(node: ts.Node): ts.VariableDeclaration | undefined {
  let current: ts.Node | undefined = node;
  while (current && (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current))) current = current.parent;
  return current && ts.isVariableDeclaration(current) ? current : undefined;
}

export class SymbolResolver {
  /**
   * Resolutions by the file of the name resolved. A name's origin depends only on the files in its
   * file's import closure, so when files change only the caches of those and their importers go.
   */
  private readonly cache = new Map<ts.SourceFile, Map<ts.Node, Origin | null>>();

  constructor(private readonly workspace: Workspace, private readonly modules: ModuleResolver) {}

  /** Forget every resolution. */
  clear(): void {
    this.cache.clear();
  }

  /** Forget the resolutions made in these files (they, or files they import, changed). */
  invalidate(files: ReadonlySet<string>): void {
    for (const sf of [...this.cache.keys()]) if (files.has(sf.fileName) || this.workspace.sourceFileIfParsed(sf.fileName) !== sf) this.cache.delete(sf);
  }

  /** Where the value of an expression (an identifier, a property chain, a require) comes from. */
  originOf(expr: ts.Expression, depth = 0): Origin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrapExpression(expr);
    if (ts.isIdentifier(e)) return this.originOfIdentifier(e, depth);
    if (ts.isPropertyAccessExpression(e)) {
      const base = this.originOf(e.expression, depth + 1);
      return base && this.member(base, e.name.text, depth + 1);
    }
    if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
      const base = this.originOf(e.expression, depth + 1);
      return base && this.member(base, e.argumentExpression.text, depth + 1);
    }
    const required = requiredModule(e);
    if (required !== undefined) return this.fromModule(required, '*', e.getSourceFile().fileName, depth + 1);
    return undefined;
  }

  private originOfIdentifier(id: ts.Identifier, depth: number): Origin | undefined {
    const sf = id.getSourceFile();
    let cache = this.cache.get(sf);
    if (!cache) this.cache.set(sf, (cache = new Map()));
    const cached = cache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    cache.set(id, null);
    const decl = findDeclaration(id.text, id);
    const origin = decl ? this.originOfDeclaration(decl, depth + 1) : undefined;
    cache.set(id, origin ?? null);
    return origin;
  }

  /** Where a declaration's binding comes from: an import, a require, or the declaration itself. */
  originOfDeclaration(decl: ts.Node, depth = 0): Origin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const file = decl.getSourceFile().fileName;
    if (ts.isImportSpecifier(decl)) {
      const spec = decl.parent.parent.parent.moduleSpecifier;
      if (!ts.isStringLiteralLike(spec)) return undefined;
      return this.fromModule(spec.text, (decl.propertyName ?? decl.name).text, file, depth + 1);
    }
    if (ts.isImportClause(decl)) {
      const spec = decl.parent.moduleSpecifier;
      return ts.isStringLiteralLike(spec) ? this.fromModule(spec.text, 'default', file, depth + 1) : undefined;
    }
    if (ts.isNamespaceImport(decl)) {
      const spec = decl.parent.parent.moduleSpecifier;
      return ts.isStringLiteralLike(spec) ? this.fromModule(spec.text, '*', file, depth + 1) : undefined;
    }
    if (ts.isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteralLike(ref.expression)) return this.fromModule(ref.expression.text, '*', file, depth + 1);
      return undefined;
    }
    if (ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = unwrapExpression(decl.initializer);
      // `const x = require('m')`, `const A = ns.Agent`, `const Agent = OtherAlias`: aliases, not values.
      if (requiredModule(init) !== undefined || ((ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) && isConst(decl))) {
        const origin = this.originOf(init, depth + 1);
        if (origin) return origin;
      }
      return { kind: 'local', node: decl, members: [] };
    }
    if (ts.isBindingElement(decl)) {
      const root = rootVariableDeclaration(decl);
      const name = decl.propertyName ? propertyNameText(decl.propertyName) : ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      if (root?.initializer && name && ts.isObjectBindingPattern(decl.parent) && decl.parent.parent === root) {
        const base = this.originOf(root.initializer, depth + 1);
        if (base && base.kind !== 'local') return this.member(base, name, depth + 1);
      }
      return { kind: 'local', node: decl, members: [] };
    }
    return { kind: 'local', node: decl, members: [] };
  }

  private member(base: Origin, name: string, depth: number): Origin | undefined {
    if (base.kind === 'external') {
      if (base.name === '*' && base.members.length === 0) return { kind: 'external', module: base.module, name, members: [] };
      return { ...base, members: [...base.members, name] };
    }
    if (base.kind === 'module') return this.resolveExport(base.file, name, depth + 1, new Set());
    return { kind: 'local', node: base.node, members: [...base.members, name] };
  }

  fromModule(specifier: string, name: string, fromFile: string, depth: number): Origin | undefined {
    const target = this.modules.resolve(specifier, fromFile);
    if (target.kind === 'package') return { kind: 'external', module: target.specifier, name, members: [] };
    if (name === '*') return { kind: 'module', file: target.file };
    return this.resolveExport(target.file, name, depth + 1, new Set());
  }

  /** An export of a workspace file, following `export … from`, `export *` and CommonJS exports. */
  resolveExport(file: string, name: string, depth: number, seen: Set<string>): Origin | undefined {
    if (depth > MAX_DEPTH || seen.has(`${file}#${name}`)) return undefined;
    seen.add(`${file}#${name}`);
    const sf = this.workspace.sourceFile(file);
    if (!sf) return undefined;
    if (name === '*') return { kind: 'module', file };
    const starCandidates: ts.ExportDeclaration[] = [];
    for (const statement of sf.statements) {
      if (name !== 'default' && ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
        const names = new Map<string, ts.Node>();
        for (const decl of statement.declarationList.declarations) addBindingNames(decl.name, names);
        const found = names.get(name);
        if (found) return this.originOfDeclaration(found, depth + 1);
      }
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
        const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
        if ((isDefault && name === 'default') || (!isDefault && statement.name?.text === name)) return { kind: 'local', node: statement, members: [] };
      }
      if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        const spec = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
        const clause = statement.exportClause;
        if (!clause) {
          if (spec) starCandidates.push(statement);
        } else if (ts.isNamespaceExport(clause)) {
          if (clause.name.text === name && spec) return this.fromModule(spec, '*', file, depth + 1);
        } else {
          for (const element of clause.elements) {
            if (element.name.text !== name) continue;
            const source = (element.propertyName ?? element.name).text;
            if (spec) return this.fromModule(spec, source, file, depth + 1);
            const local = findDeclaration(source, sf);
            return local ? this.originOfDeclaration(local, depth + 1) : undefined;
          }
        }
      }
      if (ts.isExportAssignment(statement) && (name === 'default' || statement.isExportEquals)) {
        return this.valueOrigin(statement.expression, depth + 1);
      }
      const cjs = commonJsExport(statement, name);
      if (cjs) return this.valueOrigin(cjs, depth + 1);
    }
    let fallback: Origin | undefined;
    for (const star of starCandidates) {
      const spec = (star.moduleSpecifier as ts.StringLiteral).text;
      const target = this.modules.resolve(spec, file);
      if (target.kind === 'file') {
        const found = this.resolveExport(target.file, name, depth + 1, seen);
        if (found) return found;
      } else {
        fallback ??= { kind: 'external', module: target.specifier, name, members: [] };
        if (this.knownExport?.(target.specifier, name)) return { kind: 'external', module: target.specifier, name, members: [] };
      }
    }
    return fallback;
  }

  /** Set by the framework catalogue: whether a package exports a name we know, to pick among `export *`. */
  knownExport?: (module: string, name: string) => boolean;

  private valueOrigin(expr: ts.Expression, depth: number): Origin | undefined {
    const e = unwrapExpression(expr);
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || requiredModule(e) !== undefined) {
      const origin = this.originOf(e, depth + 1);
      if (origin) return origin;
    }
    return { kind: 'local', node: e, members: [] };
  }
}

function isConst(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** `module.exports = …`, `module.exports.name = …`, `exports.name = …`, `module.exports = { name }`. */
function commonJsExport(statement: ts.Statement, name: string): ts.Expression | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression) || statement.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const { left, right } = statement.expression;
  const text = left.getText();
  if (text === 'module.exports') {
    if (name === 'default') return right;
    const value = unwrapExpression(right);
    if (ts.isObjectLiteralExpression(value)) {
      for (const prop of value.properties) {
        if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === name) return prop.initializer;
        if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === name) return prop.name;
      }
    }
    return undefined;
  }
  if (text === `module.exports.${name}` || text === `exports.${name}`) return right;
  return undefined;
}
