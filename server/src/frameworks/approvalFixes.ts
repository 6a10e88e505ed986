import type { Fix, Framework, TextEdit } from '../model/types';
import { propertyNameText, unwrapExpression } from '../engine/symbols';
import { ts } from '../engine/ts';
import { propertyValue } from './adapter';

/** Inserts `text` as the first property of an object literal, matching the literal's layout. */
export function insertProperty(object: ts.ObjectLiteralExpression, text: string): TextEdit {
  const sf = object.getSourceFile();
  const file = sf.fileName;
  const first = object.properties[0];
  if (!first) {
    const start = object.getStart(sf);
    return { file, start, end: object.getEnd(), newText: `{ ${text} }` };
  }
  const start = first.getStart(sf);
  let lineStart = start;
  while (lineStart > 0 && sf.text[lineStart - 1] !== '\n') lineStart--;
  const before = sf.text.slice(lineStart, start);
  const multiline = /^\s*$/.test(before);
  return { file, start, end: start, newText: multiline ? `${text},\n${before}` : `${text}, ` };
}

/** Adds `key: value` to an object-valued property, creating the property when absent. */
function addEntry(config: ts.ObjectLiteralExpression, property: string, entry: string, whole: string): TextEdit | undefined {
  const value = propertyValue(config, property);
  const object = value && unwrapExpression(value);
  if (object && ts.isObjectLiteralExpression(object)) {
    if (object.properties.some((p) => p.name && propertyNameText(p.name) === entry.split(':')[0].trim().replace(/^['"]|['"]$/g, ''))) return undefined;
    return insertProperty(object, entry);
  }
  if (value) return undefined;
  return insertProperty(config, whole);
}

function quoteKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key.replace(/'/g, "\\'")}'`;
}

export interface GateContext {
  framework: Framework;
  /** The tool's own config object, when the tool is defined in the workspace. */
  toolConfig?: ts.ObjectLiteralExpression;
  /** The agent's config object. */
  agentConfig?: ts.ObjectLiteralExpression;
  /** The agent construction's callee name, to tell createAgent from createReactAgent. */
  agentKind: string;
  /** The tool's key (record key or tool name). */
  key: string;
  /** Major version of the `ai` package the workspace depends on, if known. */
  aiMajor?: number;
  /** The file imports `humanInTheLoopMiddleware` already under this local name. */
  hitlName?: string;
}

/** The framework's own way to require human approval before this tool runs. */
export function approvalGateFix(g: GateContext): Fix | undefined {
  const title = (what: string) => `Require approval before '${g.key}' runs (${what})`;
  const make = (what: string, edits: (TextEdit | undefined)[]): Fix | undefined => {
    const real = edits.filter((e): e is TextEdit => !!e);
    return real.length ? { title: title(what), edits: real, safe: false } : undefined;
  };
  switch (g.framework) {
    case 'mastra':
      return g.toolConfig ? make('requireApproval', [insertProperty(g.toolConfig, 'requireApproval: true')]) : undefined;
    case 'openai-agents':
      return g.toolConfig ? make('needsApproval', [insertProperty(g.toolConfig, 'needsApproval: true')]) : undefined;
    case 'ai-sdk':
      // AI SDK 7 deprecates the tool-level flag in favour of toolApproval on the call or agent.
      if (g.aiMajor !== undefined && g.aiMajor < 7) return g.toolConfig ? make('needsApproval', [insertProperty(g.toolConfig, 'needsApproval: true')]) : undefined;
      if (!g.agentConfig) return undefined;
      return make('toolApproval', [addEntry(g.agentConfig, 'toolApproval', `${quoteKey(g.key)}: 'user-approval'`, `toolApproval: { ${quoteKey(g.key)}: 'user-approval' }`)]);
    case 'langchain': {
      if (!g.agentConfig) return undefined;
      if (g.agentKind === 'createReactAgent') {
        return propertyValue(g.agentConfig, 'interruptBefore') ? undefined : make('interruptBefore', [insertProperty(g.agentConfig, "interruptBefore: ['tools']")]);
      }
      const middleware = propertyValue(g.agentConfig, 'middleware');
      const list = middleware && unwrapExpression(middleware);
      const name = g.hitlName ?? 'humanInTheLoopMiddleware';
      const importEdit = g.hitlName ? undefined : importHitl(g.agentConfig.getSourceFile());
      if (list && ts.isArrayLiteralExpression(list)) {
        for (const element of list.elements) {
          const call = unwrapExpression(element);
          if (!ts.isCallExpression(call) || call.expression.getText() !== name) continue;
          const arg = call.arguments[0] && unwrapExpression(call.arguments[0]);
          if (!arg || !ts.isObjectLiteralExpression(arg)) return undefined;
          return make('humanInTheLoopMiddleware', [addEntry(arg, 'interruptOn', `${quoteKey(g.key)}: true`, `interruptOn: { ${quoteKey(g.key)}: true }`)]);
        }
        const at = list.elements.length ? list.elements[list.elements.length - 1].getEnd() : list.getStart() + 1;
        const text = `${list.elements.length ? ', ' : ''}${name}({ interruptOn: { ${quoteKey(g.key)}: true } })`;
        return make('humanInTheLoopMiddleware', [{ file: list.getSourceFile().fileName, start: at, end: at, newText: text }, importEdit]);
      }
      if (middleware) return undefined;
      return make('humanInTheLoopMiddleware', [insertProperty(g.agentConfig, `middleware: [${name}({ interruptOn: { ${quoteKey(g.key)}: true } })]`), importEdit]);
    }
    default:
      return undefined;
  }
}

/** Adds `humanInTheLoopMiddleware` to the file's `langchain` import, or a new import line. */
function importHitl(sf: ts.SourceFile): TextEdit {
  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== 'langchain') continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && !statement.importClause?.isTypeOnly) {
      const last = bindings.elements[bindings.elements.length - 1];
      const at = last ? last.getEnd() : bindings.getStart(sf) + 1;
      return { file: sf.fileName, start: at, end: at, newText: last ? ', humanInTheLoopMiddleware' : ' humanInTheLoopMiddleware ' };
    }
  }
  const lastImport = [...sf.statements].reverse().find(ts.isImportDeclaration);
  const at = lastImport ? lastImport.getEnd() : 0;
  return { file: sf.fileName, start: at, end: at, newText: `${lastImport ? '\n' : ''}import { humanInTheLoopMiddleware } from 'langchain';${lastImport ? '' : '\n'}` };
}
