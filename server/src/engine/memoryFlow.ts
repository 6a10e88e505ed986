import type { PathStep, Span, ToolModel } from '../model/types';
import { lookup } from '../frameworks/catalog';
import { isRecordKey, MEMORY_HINT, MemorySourceDetector, taintedToolParameters, type MemorySource } from './memorySources';
import { sideEffectOf } from './sideEffects';
import { spanOf } from './spans';
import { findDeclaration, propertyNameText, unwrapExpression, type SymbolResolver } from './symbols';
import { ts } from './ts';
import type { Workspace } from './workspace';

/** A value recalled from memory reaching a privileged sink. */
export interface MemoryFlow {
  source: { span: Span; description: string; kind: MemorySource['kind'] };
  sink: { span: Span; description: string; kind: 'argument' | 'tool-selection' | 'tool-call' };
  /** Variables and calls the value passed through, source first. */
  path: PathStep[];
  /** The tool whose code contains the sink, if any (its approval gate decides). */
  tool?: ToolModel;
  /** The tool invoked by a direct `tool.execute(...)` sink. */
  invokedTool?: ToolModel;
}

export interface MemoryRead {
  span: Span;
  kind: MemorySource['kind'];
  description: string;
  tool?: ToolModel;
}

interface Taint {
  source: MemorySource & { span: Span };
  /** Property path still to be read before the value is memory (`ctx` → `.agent.messages`). */
  pending: string[];
  path: PathStep[];
}

interface FunctionSummary {
  returns?: Taint;
}

const MAX_INTERPROCEDURAL_DEPTH = 4;
const ITERATING_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'some', 'every']);

/**
 * Forward taint analysis from memory reads to side effects and tool selection. It follows values
 * through variables, destructuring, property access, string building, calls and returns (into local
 * helpers, across files, to a bounded depth). An `interrupt()` earlier in the same function is an
 * approval point that stops the flow; tool-level and agent-level gates are applied by the rule.
 */
export class MemoryFlowAnalyzer {
  private readonly detector: MemorySourceDetector;
  private readonly summaries = new Map<string, FunctionSummary>();
  private flows: MemoryFlow[] = [];
  private readonly seenSinks = new Set<string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly symbols: SymbolResolver,
    /** The tool whose execute function is this node, if any. */
    private readonly toolOfExecute: (fn: ts.Node) => ToolModel | undefined,
    /** The tool a value is (a tool construction), if any. */
    private readonly toolOfValue: (expr: ts.Expression) => ToolModel | undefined,
  ) {
    this.detector = new MemorySourceDetector(symbols);
  }

  /** Every memory read found, with the tool whose code makes it. */
  reads: MemoryRead[] = [];

  private noteRead(node: ts.Node, source: MemorySource): void {
    let fn: ts.Node | undefined = node.parent;
    let tool: ToolModel | undefined;
    for (; fn && !tool; fn = fn.parent) if (ts.isFunctionLike(fn)) tool = this.toolOfExecute(fn);
    const span = spanOf(node);
    if (!this.reads.some((r) => r.span.file === span.file && r.span.start === span.start)) this.reads.push({ span, kind: source.kind, description: source.description, tool });
  }

  analyze(files: string[]): MemoryFlow[] {
    this.flows = [];
    this.reads = [];
    this.summaries.clear();
    this.seenSinks.clear();
    for (const file of files) {
      const sf = this.workspace.sourceFile(file);
      if (!sf || !MEMORY_HINT.test(sf.text)) continue;
      try {
        this.walkScope(sf, new Map(), { depth: 0, gated: false, tool: undefined });
      } catch {
        // A file the walker cannot follow yields no flows; analysis of the others goes on.
      }
    }
    return this.flows;
  }

  private walkScope(root: ts.Node, taints: Map<ts.Node, Taint>, ctx: { depth: number; gated: boolean; tool: ToolModel | undefined }): Taint | undefined {
    let returned: Taint | undefined;
    // An interrupt() gates what follows it in the same function only.
    const gatedFunctions = new Set<ts.Node>();
    const enclosingFunction = (node: ts.Node): ts.Node => {
      for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || n === root) return n;
      return root;
    };
    const isGated = (node: ts.Node): boolean => {
      if (ctx.gated) return true;
      for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
        if (gatedFunctions.has(n)) return true;
        if (n === root) break;
      }
      return false;
    };
    const visit = (node: ts.Node, tool: ToolModel | undefined): void => {
      if (ts.isFunctionLike(node) && node !== root) {
        const ownTool = this.toolOfExecute(node);
        if (ownTool) this.seedToolParameters(ownTool, node as ts.SignatureDeclaration, taints);
        ts.forEachChild(node, (c) => visit(c, ownTool ?? tool));
        return;
      }
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && ts.isVariableDeclarationList(node.initializer)) {
        // for (const item of remembered): each item is remembered too.
        visit(node.expression, tool);
        const t = this.taintOf(node.expression, taints, ctx.depth);
        if (t && !t.pending.length) for (const decl of node.initializer.declarations) this.bind(decl.name, decl, t, taints);
        visit(node.statement, tool);
        return;
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ITERATING_METHODS.has(node.expression.name.text)) {
        // remembered.forEach((item) => …): the callback's first parameter is remembered.
        const t = this.taintOf(node.expression.expression, taints, ctx.depth);
        const callback = node.arguments[0] && unwrapExpression(node.arguments[0]);
        if (t && !t.pending.length && callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && callback.parameters[0]) {
          this.bind(callback.parameters[0].name, callback.parameters[0], t, taints);
        }
      }
      ts.forEachChild(node, (c) => visit(c, tool));
      if (ts.isVariableDeclaration(node) && node.initializer) {
        const t = this.taintOf(node.initializer, taints, ctx.depth);
        if (t) this.bind(node.name, node, t, taints);
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
        const t = this.taintOf(node.right, taints, ctx.depth);
        const decl = findDeclaration(node.left.text, node.left);
        if (t && decl) taints.set(decl, { ...t, path: [...t.path, { span: spanOf(node.left), label: `assigned to ${node.left.text}` }] });
      } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        if (ts.isCallExpression(node) && this.isInterrupt(node)) gatedFunctions.add(enclosingFunction(node));
        else if (!isGated(node)) this.checkCall(node, taints, ctx.depth, tool);
      } else if (ts.isElementAccessExpression(node) && !isGated(node)) {
        // tools[remembered](…) / tools[remembered].execute(…): memory picks the tool.
        const t = this.taintOf(node.argumentExpression, taints, ctx.depth);
        if (t && /tools?$/i.test(unwrapExpression(node.expression).getText())) this.report(t, spanOf(node), 'a remembered value selects the tool', 'tool-selection', tool);
      } else if (ts.isPropertyAssignment(node) && !isGated(node)) {
        const key = propertyNameText(node.name);
        if (key === 'toolChoice' || key === 'activeTools') {
          const t = this.taintOf(node.initializer, taints, ctx.depth);
          if (t) this.report(t, spanOf(node), `a remembered value sets ${key}`, 'tool-selection', tool);
        }
      } else if (ts.isReturnStatement(node) && node.expression) {
        returned ??= this.taintOf(node.expression, taints, ctx.depth);
      }
    };
    if (ts.isFunctionLike(root)) {
      const body = (root as ts.FunctionLikeDeclaration).body;
      if (body) {
        if (!ts.isBlock(body)) {
          visit(body, ctx.tool);
          returned ??= this.taintOf(body, taints, ctx.depth);
        } else visit(body, ctx.tool);
      }
    } else visit(root, ctx.tool);
    return returned;
  }

  private seedToolParameters(tool: ToolModel, fn: ts.SignatureDeclaration, taints: Map<ts.Node, Taint>): void {
    for (const { node, path, source } of taintedToolParameters(tool.framework, fn)) {
      taints.set(node, { source: { ...source, span: spanOf(node) }, pending: path, path: [] });
    }
  }

  private bind(name: ts.BindingName, decl: ts.Node, t: Taint, taints: Map<ts.Node, Taint>): void {
    if (ts.isIdentifier(name)) {
      taints.set(decl, { ...t, path: [...t.path, { span: spanOf(name), label: `stored in ${name.text}` }] });
      return;
    }
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
      let inner = t;
      if (!t.pending.length && t.source.storedRecord && key !== undefined && isRecordKey(key)) continue;
      if (t.pending.length && key !== undefined) {
        if (t.pending[0] !== key) continue;
        inner = { ...t, pending: t.pending.slice(1) };
      }
      if (ts.isIdentifier(element.name)) taints.set(element, { ...inner, path: [...inner.path, { span: spanOf(element.name), label: `stored in ${element.name.text}` }] });
      else this.bind(element.name, element, inner, taints);
    }
  }

  private isInterrupt(call: ts.CallExpression): boolean {
    const origin = this.symbols.originOf(call.expression);
    return origin?.kind === 'external' && origin.name === 'interrupt' && /^@langchain\/langgraph/.test(origin.module);
  }

  /** The taint of an expression's value, if it carries recalled memory. */
  private taintOf(expr: ts.Expression, taints: Map<ts.Node, Taint>, depth: number): Taint | undefined {
    const e = unwrapExpression(expr);
    const source = this.detector.sourceOf(e);
    if (source) {
      this.noteRead(e, source);
      return { source: { ...source, span: spanOf(e) }, pending: [], path: [] };
    }
    if (ts.isIdentifier(e)) {
      const decl = findDeclaration(e.text, e);
      return decl ? taints.get(decl) : undefined;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const base = this.taintOf(e.expression, taints, depth);
      if (!base) return undefined;
      const key = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
      if (!base.pending.length) return base.source.storedRecord && key !== undefined && isRecordKey(key) ? undefined : base;
      if (key !== base.pending[0]) return undefined;
      const inner = { ...base, pending: base.pending.slice(1) };
      if (!inner.pending.length) this.noteRead(e, inner.source);
      return inner;
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrapExpression(e.expression);
      // messages.map(…).join(), history.at(-1): methods of a remembered value keep it remembered.
      if (ts.isPropertyAccessExpression(callee)) {
        const receiver = this.taintOf(callee.expression, taints, depth);
        if (receiver && !receiver.pending.length) return receiver;
      }
      const argTaints = e.arguments.map((a) => this.taintOf(a, taints, depth));
      const local = this.localFunction(callee);
      if (local) {
        const summary = this.summarise(local, argTaints, depth + 1, e);
        if (summary.returns) return summary.returns;
      }
      // String(x), JSON.stringify(x), format(x): conservatively, a call of remembered data is remembered.
      return argTaints.find((t) => t && !t.pending.length);
    }
    if (ts.isTemplateExpression(e)) {
      for (const span of e.templateSpans) {
        const t = this.taintOf(span.expression, taints, depth);
        if (t && !t.pending.length) return t;
      }
      return undefined;
    }
    if (ts.isBinaryExpression(e)) return this.taintOf(e.left, taints, depth) ?? this.taintOf(e.right, taints, depth);
    if (ts.isConditionalExpression(e)) return this.taintOf(e.whenTrue, taints, depth) ?? this.taintOf(e.whenFalse, taints, depth);
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : ts.isSpreadAssignment(p) ? p.expression : undefined;
        const t = value && this.taintOf(value, taints, depth);
        if (t && !t.pending.length) return t;
      }
      return undefined;
    }
    if (ts.isArrayLiteralExpression(e)) {
      for (const element of e.elements) {
        const t = this.taintOf(ts.isSpreadElement(element) ? element.expression : element, taints, depth);
        if (t && !t.pending.length) return t;
      }
    }
    return undefined;
  }

  private localFunction(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    const origin = this.symbols.originOf(callee);
    if (origin?.kind !== 'local' || origin.members.length) return undefined;
    const decl = origin.node;
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)) return decl;
    if (ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = unwrapExpression(decl.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return undefined;
  }

  /** Analyses a helper called with remembered arguments: its sinks are reported, its return summarised. */
  private summarise(fn: ts.FunctionLikeDeclaration, args: (Taint | undefined)[], depth: number, call: ts.CallExpression): FunctionSummary {
    const mask = args.map((a) => (a && !a.pending.length ? '1' : '0')).join('');
    const key = `${fn.getSourceFile().fileName}:${fn.pos}:${mask}`;
    const cached = this.summaries.get(key);
    if (cached) return cached;
    const summary: FunctionSummary = {};
    this.summaries.set(key, summary);
    // A helper called without remembered arguments may still read memory itself and return it.
    if (depth > MAX_INTERPROCEDURAL_DEPTH) return summary;
    const taints = new Map<ts.Node, Taint>();
    const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : 'helper';
    fn.parameters.forEach((param, i) => {
      const t = args[i];
      if (t && !t.pending.length) this.bind(param.name, param, { ...t, path: [...t.path, { span: spanOf(call), label: `passed to ${name}()` }] }, taints);
    });
    summary.returns = this.walkScope(fn, taints, { depth, gated: false, tool: this.toolOfExecute(fn) });
    if (summary.returns) summary.returns = { ...summary.returns, path: [...summary.returns.path, { span: spanOf(call), label: `returned by ${name}()` }] };
    return summary;
  }

  private checkCall(call: ts.CallExpression | ts.NewExpression, taints: Map<ts.Node, Taint>, depth: number, tool: ToolModel | undefined): void {
    const args = call.arguments ?? [];
    const argTaints = args.map((a) => this.taintOf(a, taints, depth));
    const tainted = argTaints.find((t) => t && !t.pending.length);
    if (!tainted) return;
    const local = ts.isCallExpression(call) ? this.localFunction(unwrapExpression(call.expression)) : undefined;
    if (local && ts.isCallExpression(call)) {
      // The helper's own sinks are reported inside it.
      this.summarise(local, argTaints, depth + 1, call);
      return;
    }
    const effect = sideEffectOf(call, this.symbols);
    if (effect) {
      this.report(tainted, spanOf(call), effect.description, 'argument', tool);
      return;
    }
    // sendEmail.execute({ to: remembered }): a privileged tool run directly with remembered input.
    const callee = unwrapExpression(call.expression);
    if (ts.isPropertyAccessExpression(callee) && ['execute', 'invoke', 'call', 'func'].includes(callee.name.text)) {
      const invoked = this.toolOfValue(callee.expression);
      if (invoked) this.report(tainted, spanOf(call), `runs tool '${invoked.toolId ?? invoked.variableName ?? 'tool'}'`, 'tool-call', tool, invoked);
    }
    const origin = this.symbols.originOf(callee);
    if (origin?.kind === 'external' && lookup(origin.module, origin.name)?.role === 'child-process') this.report(tainted, spanOf(call), 'process execution', 'argument', tool);
  }

  private report(t: Taint, span: Span, description: string, kind: MemoryFlow['sink']['kind'], tool: ToolModel | undefined, invokedTool?: ToolModel): void {
    const key = `${span.file}:${span.start}:${t.source.span.start}`;
    if (this.seenSinks.has(key)) return;
    this.seenSinks.add(key);
    this.flows.push({ source: { span: t.source.span, description: t.source.description, kind: t.source.kind }, sink: { span, description, kind }, path: t.path, tool, invokedTool });
  }
}
