import type { MemoryKind, Framework } from '../model/types';
import { lookup } from '../frameworks/catalog';
import { rootModule } from './sideEffects';
import { unwrapExpression, type SymbolResolver } from './symbols';
import { ts } from './ts';

export interface MemorySource {
  kind: MemoryKind;
  description: string;
  /**
   * A stored chat loaded by the app's own function (`getThread(id)`): its key fields (`id`,
   * `thread_id`, `chatId`) were assigned by the app, so only its other fields are remembered content.
   */
  storedRecord?: boolean;
}

/** `id`, `thread_id`, `chatId`, `userID`: the key of a stored record. */
export function isRecordKey(name: string): boolean {
  return /^(id|\w+_id|\w*[a-z]Id|\w*ID)$/.test(name);
}

/** Cheap text test: files with none of these words cannot read agent memory. */
export const MEMORY_HINT = /recall|WorkingMemory|searchMessages|ByResourceId|getThreadById|getItems|getStore|\.store\b|store\.(get|search)|similaritySearch|Retriever|retriever|getRelevantDocuments|\.query\(|messages|history|getState|(load|get|fetch|read|find|restore|list)\w*(Chat|History|Messages|Conversation|Thread)/;

const GRAPH_MODULE = /^(@langchain\/langgraph|langchain)(\/|$)/;

/** A function that loads a stored conversation: `loadChat`, `getMessagesByChatId`, `fetchHistoryFor…`. */
export const HISTORY_LOADER = /^(load|get|fetch|read|find|restore|list)\w*(chat|history|messages|conversation|thread)s?((By|For|Of)\w+)?$/i;

function methodCall(expr: ts.Expression): { receiver: ts.Expression; name: string } | undefined {
  const e = unwrapExpression(expr);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrapExpression(e.expression);
  if (ts.isPropertyAccessExpression(callee)) return { receiver: callee.expression, name: callee.name.text };
  return undefined;
}

function receiverText(expr: ts.Expression): string {
  return unwrapExpression(expr).getText().replace(/\s+/g, '');
}

/**
 * Whether an expression reads remembered context: Mastra memory recall, working memory and vector
 * queries; OpenAI session items; LangGraph stores, checkpointed state and retrievers; chat histories
 * loaded from storage. Judged from the call's method and where its receiver comes from.
 */
export class MemorySourceDetector {
  constructor(private readonly symbols: SymbolResolver) {}

  private roleOf(expr: ts.Expression): string | undefined {
    let e = unwrapExpression(expr);
    if (ts.isIdentifier(e)) {
      const origin = this.symbols.originOf(e);
      if (origin?.kind === 'local' && ts.isVariableDeclaration(origin.node) && origin.node.initializer && origin.members.length === 0) e = unwrapExpression(origin.node.initializer);
    }
    if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
      const origin = this.symbols.originOf(e.expression);
      if (origin?.kind === 'external') return lookup(origin.module, origin.name)?.role ?? `${origin.module}#${origin.name}`;
    }
    return undefined;
  }

  /** A store reached as `getStore()`, `config.store`, `runtime.store` or a LangGraph store construction. */
  private isStore(receiver: ts.Expression): boolean {
    const text = receiverText(receiver);
    if (/(^|\.)(runtime|config|options|ctx|context)\??\.store$/.test(text) || /^getStore\(\)!?$/.test(text)) return true;
    const role = this.roleOf(receiver);
    if (role === 'store') return true;
    const e = unwrapExpression(receiver);
    if (ts.isIdentifier(e)) {
      const origin = this.symbols.originOf(e);
      if (origin?.kind === 'local' && ts.isVariableDeclaration(origin.node) && origin.node.initializer) {
        const init = receiverText(origin.node.initializer);
        if (/^getStore\(\)!?$/.test(init) || /\.store$/.test(init)) return true;
      }
    }
    return false;
  }

  /**
   * A LangGraph graph or agent: built from a LangGraph or LangChain export, or, when where it comes from
   * cannot be seen (a parameter), named like one. `getState` of anything else (a ProseMirror plugin
   * key, a store) is not checkpointed agent state.
   */
  private isGraph(receiver: ts.Expression): boolean {
    const module = rootModule(receiver, this.symbols, 0, true);
    if (module) return GRAPH_MODULE.test(module);
    return /(graph|agent|app|workflow)$/i.test(receiverText(receiver).replace(/\(\)$/, ''));
  }

  private isSession(receiver: ts.Expression): boolean {
    return this.roleOf(receiver) === 'session' || /session$/i.test(receiverText(receiver));
  }

  private isVectorOrRetriever(receiver: ts.Expression): boolean {
    const text = receiverText(receiver);
    if (/getVector\(/.test(text) || /asRetriever\(/.test(text) || /(vector|retriever|index|pinecone|qdrant|chroma|weaviate|embedding)s?(Store)?$/i.test(text)) return true;
    const role = this.roleOf(receiver);
    return !!role && /vector|retriever|store#|PgVector|LibSQLVector|Pinecone|Chroma|Qdrant/i.test(role);
  }

  sourceOf(expr: ts.Expression): MemorySource | undefined {
    const call = methodCall(expr);
    if (call) {
      const { receiver, name } = call;
      switch (name) {
        case 'recall':
          return { kind: 'thread', description: 'messages recalled from agent memory' };
        case 'getWorkingMemory':
          return { kind: 'working', description: 'working memory' };
        case 'searchMessages':
          return { kind: 'semantic', description: 'semantically recalled messages' };
        case 'listMessagesByResourceId':
        case 'getThreadById':
        case 'listMessages':
          return { kind: 'thread', description: 'stored conversation messages' };
        case 'getItems':
          return this.isSession(receiver) ? { kind: 'thread', description: 'session items (conversation history)' } : undefined;
        case 'get':
        case 'search':
          return this.isStore(receiver) ? { kind: 'store', description: `long-term store ${name}()` } : undefined;
        case 'getState':
          return this.isGraph(receiver) ? { kind: 'checkpoint', description: 'checkpointed graph state' } : undefined;
        case 'query':
          return this.isVectorOrRetriever(receiver) ? { kind: 'vector', description: 'vector store query' } : undefined;
        case 'similaritySearch':
        case 'similaritySearchWithScore':
        case 'maxMarginalRelevanceSearch':
        case 'getRelevantDocuments':
          return { kind: 'vector', description: `vector store ${name}()` };
        case 'invoke':
          return this.isVectorOrRetriever(receiver) && /retriever/i.test(receiverText(receiver)) ? { kind: 'vector', description: 'retriever results' } : undefined;
      }
    }
    const e = unwrapExpression(expr);
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && HISTORY_LOADER.test(e.expression.text)) return { kind: 'thread', description: `chat history from ${e.expression.text}()`, storedRecord: true };
    return undefined;
  }
}

/** Parameters of a tool's execute that carry remembered context, per framework. */
export function taintedToolParameters(framework: Framework, execute: ts.SignatureDeclaration): { node: ts.Node; path: string[]; source: MemorySource }[] {
  const out: { node: ts.Node; path: string[]; source: MemorySource }[] = [];
  const second = execute.parameters[1];
  const first = execute.parameters[0];
  const add = (param: ts.ParameterDeclaration | undefined, path: string[], source: MemorySource) => {
    if (!param) return;
    if (ts.isIdentifier(param.name)) out.push({ node: param, path, source });
    else if (ts.isObjectBindingPattern(param.name)) {
      for (const element of param.name.elements) {
        const key = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : ts.isIdentifier(element.name) ? element.name.text : undefined;
        if (key === path[0] && path.length === 1) out.push({ node: element, path: [], source });
        else if (key === path[0] && ts.isObjectBindingPattern(element.name)) {
          for (const inner of element.name.elements) {
            const innerKey = inner.propertyName && ts.isIdentifier(inner.propertyName) ? inner.propertyName.text : ts.isIdentifier(inner.name) ? inner.name.text : undefined;
            if (innerKey === path[1]) out.push({ node: inner, path: [], source });
          }
        } else if (key === path[0]) out.push({ node: element, path: path.slice(1), source });
      }
    }
  };
  const thread: MemorySource = { kind: 'thread', description: 'the conversation handed to the tool' };
  if (framework === 'ai-sdk') add(second, ['messages'], thread);
  if (framework === 'mastra') {
    add(second, ['agent', 'messages'], thread);
    // Mastra 0.x passed memory and thread on the single argument.
    add(first, ['memory'], { kind: 'thread', description: 'the memory handle given to the tool' });
  }
  if (framework === 'langchain') {
    add(second, ['store'], { kind: 'store', description: 'the long-term store given to the tool' });
    add(second, ['state', 'messages'], { kind: 'checkpoint', description: 'checkpointed conversation state' });
  }
  return out;
}
