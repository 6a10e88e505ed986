import type { CredentialLiteral, EnvExposure, Fix, HostUse, PathStep, Reach, ScopeLiteral, SecretRead, SideEffect } from '../model/types';
import { matchCredential, type CredentialMatch } from './credentials';
import { isConfigurationName } from './envNames';
import { isPresenceTest } from './presenceTest';
import { matchWildcardScope } from './scopes';
import { lookup } from '../frameworks/catalog';
import { sideEffectOf } from './sideEffects';
import { spanOf } from './spans';
import { findDeclaration, propertyNameText, rootVariableDeclaration, unwrapExpression, type SymbolResolver } from './symbols';
import { ts } from './ts';

const MAX_CALL_DEPTH = 8;

/** Process and runtime settings every program reads: configuration, not credentials. */
// Userinfo (`user:password@`) is skipped: it is a credential, never part of the host.
const URL_PATTERN = /^(?:https?|wss?|postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|amqps?):\/\/(?:([^@/\s]*)@)?([^/\s:?#'"`$@]+)/i;

export function emptyReach(): Reach {
  return { secrets: [], hosts: [], envExposures: [], effects: [], credentials: [], scopes: [], agentRefs: [] };
}

/** `process.env` (or `globalThis.process.env`) with `process` not shadowed by a local. */
export function isProcessEnv(node: ts.Node): boolean {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'env') return false;
  const base = node.expression;
  if (ts.isIdentifier(base)) return base.text === 'process' && !findDeclaration('process', base);
  return ts.isPropertyAccessExpression(base) && base.name.text === 'process' && ts.isIdentifier(base.expression) && base.expression.text === 'globalThis';
}

function isImportMetaEnv(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isMetaProperty(node.expression) && node.expression.keywordToken === ts.SyntaxKind.ImportKeyword;
}

function isEnvSource(node: ts.Node): boolean {
  return isProcessEnv(node) || isImportMetaEnv(node);
}

/**
 * A validated env module: `createEnv({ runtimeEnv: process.env })`, `schema.parse(process.env)`,
 * `cleanEnv(process.env, …)`. Property reads on it are reads of the variables of the same name.
 */
export function isEnvModuleInitializer(init: ts.Expression): boolean {
  const e = unwrapExpression(init);
  if (!ts.isCallExpression(e)) return false;
  const callee = e.expression;
  const calleeText = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  const validates = /env/i.test(calleeText) || ENV_VALIDATORS.has(calleeText);
  return e.arguments.some((arg) => {
    const a = unwrapExpression(arg);
    if (isEnvSource(a)) return validates;
    if (!ts.isObjectLiteralExpression(a)) return false;
    return a.properties.some((p) => {
      if (!ts.isPropertyAssignment(p)) return false;
      const key = propertyNameText(p.name) ?? '';
      const value = unwrapExpression(p.initializer);
      // t3-env: `runtimeEnv: process.env`, or an explicit mapping of process.env reads.
      if (key === 'runtimeEnv' || key === 'runtimeEnvStrict') return isEnvSource(value) || (ts.isObjectLiteralExpression(value) && value.properties.length > 0 && value.properties.every((q) => ts.isPropertyAssignment(q) && readsEnv(q.initializer)));
      return (key === 'env' || key === 'source') && validates && isEnvSource(value);
    });
  });
}

const ENV_VALIDATORS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'cleanEnv', 'envsafe', 'validate', 'validateSync', 'load']);

function readsEnv(expr: ts.Expression): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (isEnvSource(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

/** `https://key:@api.example.com`: a credential written into a URL's userinfo. */
function urlCredential(userinfo: string): CredentialMatch | undefined {
  const [user, password = ''] = userinfo.split(':');
  const shaped = matchCredential(user) ?? matchCredential(password) ?? matchCredential(decodeURIComponentSafe(password), 'password');
  if (shaped) return shaped;
  return password.length >= 4 && !/^\$\{|^<|^\*+$/.test(password) ? { kind: 'password in a URL', redacted: '…@', broad: false } : undefined;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isFunctionValue(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
}

function isModuleLevel(decl: ts.VariableDeclaration): boolean {
  const statement = decl.parent?.parent;
  return !!statement && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === container) return true;
  return false;
}

/** Whether an identifier is used as a value (not a declaration name, a property name or a type). */
function isValueReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isFunctionExpression(p)) && (p as { name?: ts.Node }).name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isExpressionWithTypeArguments(p) && !ts.isHeritageClause(p.parent)) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  return true;
}

interface Context {
  via: PathStep[];
  depth: number;
}

/**
 * Computes what code can reach: secrets read, hosts named, whole-environment exposure, agents used.
 * Follows calls into helper functions and references to module-level values (clients, config objects,
 * env modules) across files. Results are memoised per function or declaration for one analysis run.
 */
export class ReachAnalyzer {
  private readonly memo = new Map<ts.Node, Reach>();
  private readonly inProgress = new Set<ts.Node>();

  constructor(private readonly symbols: SymbolResolver, private readonly isAgentDeclaration: (decl: ts.Node) => ts.Node | undefined) {}

  clear(): void {
    this.memo.clear();
  }

  /** Reach of a node (a function, an expression, a config object), memoised. */
  reachOf(node: ts.Node): Reach {
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return emptyReach();
    this.inProgress.add(node);
    const reach = emptyReach();
    try {
      this.walk(node, reach, { via: [], depth: 0 }, node);
    } finally {
      this.inProgress.delete(node);
    }
    dedupe(reach);
    this.memo.set(node, reach);
    return reach;
  }

  private include(target: ts.Node, step: PathStep, into: Reach, ctx: Context): void {
    if (ctx.depth >= MAX_CALL_DEPTH) return;
    const inner = this.reachOf(target);
    const prefix = [...ctx.via, step];
    for (const s of inner.secrets) into.secrets.push({ ...s, via: [...prefix, ...s.via] });
    for (const h of inner.hosts) into.hosts.push({ ...h, via: [...prefix, ...h.via] });
    for (const e of inner.envExposures) into.envExposures.push({ ...e, via: [...prefix, ...e.via] });
    for (const e of inner.effects) into.effects.push({ ...e, via: [...prefix, ...e.via] });
    for (const c of inner.credentials) into.credentials.push({ ...c, via: [...prefix, ...c.via] });
    for (const c of inner.scopes) into.scopes.push({ ...c, via: [...prefix, ...c.via] });
    into.agentRefs.push(...inner.agentRefs);
  }

  private walk(node: ts.Node, reach: Reach, ctx: Context, scope: ts.Node): void {
    const visit = (n: ts.Node): void => {
      if (ts.isJSDoc(n) || ts.isTypeNode(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isImportDeclaration(n)) return;
      if (this.visitSpecial(n, reach, ctx, scope)) return;
      ts.forEachChild(n, visit);
    };
    visit(node);
  }

  /** Handles a node; true when its children need no further visit. */
  private visitSpecial(n: ts.Node, reach: Reach, ctx: Context, scope: ts.Node): boolean {
    const constant = ts.isBinaryExpression(n) && !(ts.isBinaryExpression(n.parent) && n.parent.operatorToken.kind === ts.SyntaxKind.PlusToken) ? constantString(n) : undefined;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || constant !== undefined) {
      const text = constant ?? (n as ts.StringLiteral).text;
      const match = URL_PATTERN.exec(text);
      if (ts.isImportDeclaration(n.parent) || ts.isExportDeclaration(n.parent) || ts.isExternalModuleReference(n.parent)) return true;
      if (match && /^(https?|wss?):/i.test(text)) reach.hosts.push({ host: match[2].toLowerCase(), span: spanOf(n), via: ctx.via });
      const context = literalContext(n);
      const credential = matchCredential(text, context.name) ?? (match?.[1] ? urlCredential(match[1]) : undefined);
      if (credential) reach.credentials.push({ ...credential, span: spanOf(n), via: ctx.via });
      const scope = matchWildcardScope(text, context.name, context.inPolicyDocument);
      if (scope) reach.scopes.push({ ...scope, span: spanOf(n), via: ctx.via });
      return true;
    }
    if (isEnvSource(n)) {
      this.envValue(n as ts.PropertyAccessExpression, reach, ctx);
      return true;
    }
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const base = n.expression;
      if (isEnvSource(base)) {
        const name = ts.isPropertyAccessExpression(n) ? n.name.text : ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
        if (name !== undefined && (isConfigurationName(name) || isPresenceTest(n))) return true;
        if (name !== undefined) {
          reach.secrets.push({ name, span: spanOf(n), form: isImportMetaEnv(base) ? 'import-meta-env' : ts.isPropertyAccessExpression(n) ? 'env-property' : 'env-element', via: ctx.via });
        } else {
          reach.envExposures.push({ kind: 'env-dynamic', span: spanOf(n), via: ctx.via });
          this.walk((n as ts.ElementAccessExpression).argumentExpression, reach, ctx, scope);
        }
        return true;
      }
      if (this.envModuleRead(n, reach, ctx)) return true;
      return this.configRead(n, reach, ctx, scope);
    }
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isObjectBindingPattern(n.name)) {
      const init = unwrapExpression(n.initializer);
      if (isEnvSource(init) || this.isEnvModuleReference(init)) {
        for (const element of n.name.elements) {
          const name = element.dotDotDotToken ? undefined : element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
          if (name && isConfigurationName(name)) continue;
          if (name) reach.secrets.push({ name, span: spanOf(element), form: isEnvSource(init) ? 'env-destructure' : 'env-module', via: ctx.via });
          else if (isEnvSource(init)) reach.envExposures.push({ kind: 'env-copy', span: spanOf(element), via: ctx.via });
        }
        return true;
      }
      return this.destructuredConfig(n as ts.VariableDeclaration & { name: ts.ObjectBindingPattern; initializer: ts.Expression }, reach, ctx, scope);
    }
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n)) {
      if (ts.isCallExpression(n)) this.childProcess(n, reach, ctx);
      const effect = sideEffectOf(n, this.symbols);
      if (effect) reach.effects.push({ ...effect, via: ctx.via });
      return false;
    }
    if (ts.isIdentifier(n) && isValueReference(n)) {
      this.reference(n, reach, ctx, scope);
      return true;
    }
    return false;
  }

  /** `process.env` used whole: passed, spread or copied. */
  private envValue(n: ts.PropertyAccessExpression, reach: Reach, ctx: Context): void {
    let p: ts.Node = n.parent;
    while (ts.isAsExpression(p) || ts.isParenthesizedExpression(p) || ts.isSatisfiesExpression(p) || ts.isNonNullExpression(p)) p = p.parent;
    let kind: EnvExposure['kind'] = 'env-pass-through';
    if (ts.isSpreadAssignment(p) || ts.isSpreadElement(p)) kind = 'env-spread';
    else if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && ts.isIdentifier(p.expression.expression) && p.expression.expression.text === 'Object') kind = 'env-copy';
    else if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'structuredClone') kind = 'env-copy';
    reach.envExposures.push({ kind, span: spanOf(n), via: ctx.via, fix: namedVariablesFix(n) });
  }

  private isEnvModuleReference(expr: ts.Expression): boolean {
    const e = unwrapExpression(expr);
    if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return false;
    const origin = this.symbols.originOf(e);
    if (!origin || origin.kind !== 'local' || origin.members.length) return false;
    const decl = origin.node;
    return ts.isVariableDeclaration(decl) && !!decl.initializer && isEnvModuleInitializer(decl.initializer);
  }

  /** `env.STRIPE_SECRET_KEY` where `env` is a validated env module. */
  private envModuleRead(n: ts.PropertyAccessExpression | ts.ElementAccessExpression, reach: Reach, ctx: Context): boolean {
    if (!this.isEnvModuleReference(n.expression)) return false;
    const name = ts.isPropertyAccessExpression(n) ? n.name.text : ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
    if (name && !isConfigurationName(name) && !isPresenceTest(n)) reach.secrets.push({ name, span: spanOf(n), form: 'env-module', via: ctx.via });
    return true;
  }

  /**
   * `config.stripe.secretKey` / `getConfig().stripe.secretKey`: when the chain resolves to one property
   * of a config object, only that property's value is reached, not the whole object.
   */
  private configRead(n: ts.PropertyAccessExpression | ts.ElementAccessExpression, reach: Reach, ctx: Context, scope: ts.Node): boolean {
    if (ts.isPropertyAccessExpression(n.parent) || ts.isElementAccessExpression(n.parent)) return false; // the outermost chain decides
    const value = this.resolveValue(n, 0);
    if (!value || value === n || isInside(value, scope)) return false;
    this.include(value, { span: spanOf(n), label: `reads ${n.getText().slice(0, 60)}` }, reach, ctx);
    // Arguments of calls inside the chain (`getConfig(x)`) are still part of this code.
    if (ts.isCallExpression(n.expression)) for (const arg of n.expression.arguments) this.walk(arg, reach, ctx, scope);
    return true;
  }

  /**
   * `const { crm } = getConfig()`: when the initializer resolves to an object literal, only the
   * destructured properties are reached, not every value of the config.
   */
  private destructuredConfig(decl: ts.VariableDeclaration & { name: ts.ObjectBindingPattern; initializer: ts.Expression }, reach: Reach, ctx: Context, scope: ts.Node): boolean {
    const value = this.resolveValue(decl.initializer, 0);
    if (!value || !ts.isObjectLiteralExpression(value) || isInside(value, scope)) return false;
    for (const element of decl.name.elements) {
      const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
      if (!key || element.dotDotDotToken) return false;
      const prop = value.properties.find((p): p is ts.PropertyAssignment | ts.ShorthandPropertyAssignment => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === key);
      if (!prop) continue;
      const target: ts.Node = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
      this.include(target, { span: spanOf(element), label: `reads ${key} of ${decl.initializer.getText().slice(0, 40)}` }, reach, ctx);
    }
    const init = unwrapExpression(decl.initializer);
    if (ts.isCallExpression(init)) for (const arg of init.arguments) this.walk(arg, reach, ctx, scope);
    return true;
  }

  /** The value at a property path of a declaration's initializer, when it is written as object literals. */
  private memberValue(decl: ts.Node, members: string[]): ts.Expression | undefined {
    if (!ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
    let value: ts.Expression | undefined = this.resolveValue(decl.initializer, 0) ?? unwrapExpression(decl.initializer);
    for (const member of members) {
      if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
      const prop: ts.ObjectLiteralElementLike | undefined = value.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === member);
      if (!prop) return undefined;
      const next: ts.Expression = ts.isPropertyAssignment(prop) ? prop.initializer : (prop as ts.ShorthandPropertyAssignment).name;
      value = this.resolveValue(next, 0) ?? unwrapExpression(next);
    }
    return value;
  }

  /** The expression a value chain denotes, through variables, object literals and returning helpers. */
  private resolveValue(expr: ts.Expression, depth: number): ts.Expression | undefined {
    if (depth > 6) return undefined;
    const e = unwrapExpression(expr);
    if (ts.isIdentifier(e)) {
      const origin = this.symbols.originOf(e);
      if (origin?.kind !== 'local' || origin.members.length) return undefined;
      const decl = origin.node;
      if (ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) return this.resolveValue(decl.initializer, depth + 1) ?? unwrapExpression(decl.initializer);
      return undefined;
    }
    if (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))) {
      const name = ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as ts.StringLiteral).text;
      const base = this.resolveValue(e.expression, depth + 1);
      if (!base || !ts.isObjectLiteralExpression(base)) return undefined;
      for (const prop of base.properties) {
        if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === name) return this.resolveValue(prop.initializer, depth + 1) ?? unwrapExpression(prop.initializer);
        if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === name) return this.resolveValue(prop.name, depth + 1) ?? prop.name;
      }
      return undefined;
    }
    if (ts.isCallExpression(e) && e.arguments.length === 0) {
      const fn = this.functionOf(e.expression);
      const returned = fn && singleReturn(fn);
      return returned ? this.resolveValue(returned, depth + 1) ?? unwrapExpression(returned) : undefined;
    }
    return e;
  }

  private functionOf(expr: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    const origin = this.symbols.originOf(expr);
    if (origin?.kind !== 'local' || origin.members.length) return undefined;
    const decl = origin.node;
    if (isFunctionValue(decl)) return decl;
    if (ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = unwrapExpression(decl.initializer);
      if (isFunctionValue(init)) return init;
    }
    return undefined;
  }

  /** A name used in the code: follow helpers, module-level values and agents it refers to. */
  private reference(id: ts.Identifier, reach: Reach, ctx: Context, scope: ts.Node): void {
    const origin = this.symbols.originOf(id);
    if (!origin || origin.kind !== 'local') return;
    const decl = origin.node;
    if (isInside(decl, scope)) return; // declared inside the code being walked: walked already
    const agent = this.isAgentDeclaration(decl);
    if (agent) {
      reach.agentRefs.push(spanOf(agent));
      return;
    }
    const label = id.text;
    if (origin.members.length) {
      // `const key = config.firebase.privateKey`: an alias of one property reaches that property only.
      const value = this.memberValue(decl, origin.members);
      if (value) {
        this.include(value, { span: spanOf(id), label: `uses ${label}` }, reach, { ...ctx, depth: ctx.depth + 1 });
        return;
      }
    }
    if (isFunctionValue(decl) || ts.isClassDeclaration(decl)) {
      this.include(decl, { span: spanOf(id), label: `calls ${label}()` }, reach, { ...ctx, depth: ctx.depth + 1 });
      return;
    }
    const variable = ts.isVariableDeclaration(decl) ? decl : ts.isBindingElement(decl) ? rootVariableDeclaration(decl) : undefined;
    if (variable?.initializer && isModuleLevel(variable)) {
      if (isEnvModuleInitializer(variable.initializer)) return; // reads are counted per property
      const init = unwrapExpression(variable.initializer);
      const kind = isFunctionValue(init) ? `calls ${label}()` : `uses ${label}`;
      this.include(init, { span: spanOf(id), label: kind }, reach, { ...ctx, depth: ctx.depth + 1 });
      return;
    }
    if (!ts.isVariableDeclaration(decl) && !ts.isBindingElement(decl) && !ts.isParameter(decl) && !ts.isSourceFile(decl) && ts.isExpression(decl as ts.Node as ts.Expression)) {
      // `export default …` or CommonJS exports resolved to an expression.
      this.include(decl, { span: spanOf(id), label: `uses ${label}` }, reach, { ...ctx, depth: ctx.depth + 1 });
    }
  }

  /** A child process started without an explicit `env` inherits the whole environment. */
  private childProcess(call: ts.CallExpression, reach: Reach, ctx: Context): void {
    if (!this.isChildProcessCallee(call.expression)) return;
    const options = call.arguments.map((arg) => this.resolveValue(arg, 0) ?? unwrapExpression(arg)).find((v): v is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(v));
    const hasEnv = !!options?.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === 'env');
    if (!hasEnv) reach.envExposures.push({ kind: 'child-process-default-env', span: spanOf(call.expression), via: ctx.via, fix: explicitEnvFix(call, options) });
  }

  private isChildProcessCallee(callee: ts.Expression): boolean {
    const origin = this.symbols.originOf(callee);
    if (!origin) return false;
    if (origin.kind === 'external') return lookup(origin.module, origin.name)?.role === 'child-process' && origin.members.length === 0;
    if (origin.kind === 'local' && ts.isVariableDeclaration(origin.node) && origin.node.initializer) {
      // `const execAsync = promisify(exec)`
      const init = unwrapExpression(origin.node.initializer);
      if (ts.isCallExpression(init) && init.arguments.length === 1) {
        const fn = this.symbols.originOf(init.expression);
        const isPromisify = fn?.kind === 'external' && (lookup(fn.module, fn.name)?.role === 'promisify' || (fn.name === 'promisify' && fn.module === 'util'));
        if (isPromisify) return this.isChildProcessCallee(init.arguments[0]);
      }
    }
    return false;
  }
}

const MINIMAL_ENV = "PATH: process.env.PATH ?? ''";

/** "Pass only named variables": replaces `env: process.env` / `...process.env` with an explicit environment. */
function namedVariablesFix(env: ts.Node): Fix | undefined {
  let outer: ts.Node = env;
  while (ts.isAsExpression(outer.parent) || ts.isParenthesizedExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent) || ts.isNonNullExpression(outer.parent)) outer = outer.parent;
  const sf = env.getSourceFile();
  const p = outer.parent;
  const title = 'Pass only named variables';
  if (ts.isPropertyAssignment(p) && p.initializer === outer) {
    return { title, safe: false, edits: [{ file: sf.fileName, start: outer.getStart(sf), end: outer.getEnd(), newText: `{ ${MINIMAL_ENV} }` }] };
  }
  if (ts.isSpreadAssignment(p) && ts.isObjectLiteralExpression(p.parent)) {
    const hasPath = p.parent.properties.some((q) => q.name !== undefined && propertyNameText(q.name) === 'PATH');
    if (!hasPath) return { title, safe: false, edits: [{ file: sf.fileName, start: p.getStart(sf), end: p.getEnd(), newText: MINIMAL_ENV }] };
    const list = p.parent.properties;
    const index = list.indexOf(p);
    const end = index < list.length - 1 ? list[index + 1].getStart(sf) : p.getEnd();
    return { title, safe: false, edits: [{ file: sf.fileName, start: p.getStart(sf), end, newText: '' }] };
  }
  return undefined;
}

/** "Give the child process an explicit env": Node passes the whole environment when options omit it. */
function explicitEnvFix(call: ts.CallExpression, optionsObject: ts.ObjectLiteralExpression | undefined): Fix {
  const sf = call.getSourceFile();
  const title = 'Give the child process an explicit env';
  const env = `env: { ${MINIMAL_ENV} }`;
  if (optionsObject) {
    // The options may be a variable declared elsewhere: the env goes into that object.
    const osf = optionsObject.getSourceFile();
    const at = optionsObject.getStart(osf) + 1;
    return { title, safe: false, edits: [{ file: osf.fileName, start: at, end: at, newText: optionsObject.properties.length ? ` ${env},` : ` ${env} ` }] };
  }
  const last = call.arguments[call.arguments.length - 1];
  if (last && (ts.isArrowFunction(last) || ts.isFunctionExpression(last) || (ts.isIdentifier(last) && /cb|callback|done/i.test(last.text)))) {
    const at = last.getStart(sf);
    return { title, safe: false, edits: [{ file: sf.fileName, start: at, end: at, newText: `{ ${env} }, ` }] };
  }
  const at = last ? last.getEnd() : call.arguments.pos;
  return { title, safe: false, edits: [{ file: sf.fileName, start: at, end: at, newText: last ? `, { ${env} }` : `{ ${env} }` }] };
}

/** `'ghp_' + 'abc…'`: a string built only from literals, joined; undefined otherwise. */
function constantString(expr: ts.Expression): string | undefined {
  const e = ts.isParenthesizedExpression(expr) ? expr.expression : expr;
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = constantString(e.left);
    const right = left === undefined ? undefined : constantString(e.right);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  return undefined;
}

/** The name a literal is given (property, variable, parameter default) and whether it sits in an IAM policy. */
function literalContext(literal: ts.Node): { name?: string; inPolicyDocument: boolean } {
  let node: ts.Node = literal;
  let p = node.parent;
  while (p && (ts.isAsExpression(p) || ts.isParenthesizedExpression(p) || ts.isSatisfiesExpression(p) || ts.isArrayLiteralExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p) || (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken))) {
    node = p;
    p = p.parent;
  }
  let name: string | undefined;
  if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === node) name = propertyNameText(p.name);
  else if (p && (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.initializer === node && ts.isIdentifier(p.name)) name = p.name.text;
  else if (p && ts.isBinaryExpression(p) && p.right === node) name = ts.isPropertyAccessExpression(p.left) ? p.left.name.text : ts.isIdentifier(p.left) ? p.left.text : undefined;
  const object = p && ts.isPropertyAssignment(p) ? p.parent : undefined;
  const inPolicyDocument = !!object && ts.isObjectLiteralExpression(object) && object.properties.some((q) => q.name !== undefined && /^(Effect|Sid|Principal)$/.test(propertyNameText(q.name) ?? ''));
  return { name, inPolicyDocument };
}

function isConstDeclaration(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

function singleReturn(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  if (!fn.body) return undefined;
  if (!ts.isBlock(fn.body)) return fn.body;
  const returns: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) returns.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return returns.length === 1 ? returns[0] : undefined;
}

function dedupe(reach: Reach): void {
  const seen = new Set<string>();
  const keep = <T extends { span: { file: string; start: number } }>(items: T[], key: (t: T) => string): T[] =>
    items.filter((item) => {
      const k = `${key(item)}@${item.span.file}:${item.span.start}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  reach.secrets = keep<SecretRead>(reach.secrets, (s) => `s:${s.name}`);
  reach.hosts = keep<HostUse>(reach.hosts, (h) => `h:${h.host}`);
  reach.envExposures = keep<EnvExposure>(reach.envExposures, (e) => `e:${e.kind}`);
  reach.effects = keep<SideEffect>(reach.effects, (e) => `x:${e.kind}`);
  reach.credentials = keep<CredentialLiteral>(reach.credentials, () => 'c');
  reach.scopes = keep<ScopeLiteral>(reach.scopes, () => 'w');
  const agentSeen = new Set<string>();
  reach.agentRefs = reach.agentRefs.filter((s) => {
    const k = `${s.file}:${s.start}`;
    if (agentSeen.has(k)) return false;
    agentSeen.add(k);
    return true;
  });
}
