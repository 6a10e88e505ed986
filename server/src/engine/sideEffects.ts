import type { SideEffect } from '../model/types';
import { spanOf } from './spans';
import { findDeclaration, propertyNameText, unwrapExpression, type SymbolResolver } from './symbols';
import { ts } from './ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SQL_WRITE = /^\s*(insert|update|delete|drop|alter|truncate|create|merge|upsert|replace|grant|revoke)\b/i;
const ORM_WRITES = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany', 'insert', 'insertMany', 'insertOne', 'save', 'remove', 'destroy', 'findByIdAndUpdate', 'findOneAndUpdate', 'findByIdAndDelete', 'findOneAndDelete', 'findOneAndReplace', 'updateOne', 'deleteOne', 'replaceOne', 'bulkWrite', 'set', 'del', 'put', 'executeRaw', '$executeRaw', '$executeRawUnsafe']);
const FS_WRITES = new Set(['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'rename', 'renameSync', 'mkdir', 'mkdirSync', 'createWriteStream', 'copyFile', 'copyFileSync', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'outputFile', 'outputJson', 'remove', 'writeJson']);
/** Client set-up calls: they configure a client and act on nothing. */
const SETUP_CALL = /^(createTransport|createTransporter|createClient|setApiKey|configure|init|initialize|use|withOptions|extend|defaults|verify|close)$/;
const READ_ONLY_SDK = /^(list|retrieve|get|search|find|read|fetch|describe|query|count|head|download|has|exists|lookup|check|validate|verify|parse|construct|on|once)/i;
const MESSAGING_MODULES = /^(nodemailer|resend|@sendgrid\/mail|@slack\/web-api|@slack\/bolt|twilio|postmark|mailgun\.js|@mailchimp\/|discord\.js|telegraf|@vonage\/)/;
const PAYMENT_MODULES = /^(stripe|@paypal\/|braintree|@adyen\/|square|razorpay|@lemonsqueezy\/)/;
const CLOUD_MODULES = /^(@aws-sdk\/|@google-cloud\/|@azure\/|firebase-admin|@supabase\/supabase-js|@vercel\/blob|@upstash\/)/;
const VCS_MODULES = /^(@octokit\/|octokit$|@gitbeaker\/|simple-git)/;
const HTTP_MODULES = /^(axios|ky|got|node-fetch|undici|superagent|ofetch)$/;
const FS_MODULES = /^(fs|fs\/promises|fs-extra|graceful-fs)$/;
/**
 * Databases, ORMs, key-value and vector stores: their `create`/`update`/`delete`/`set`… methods write
 * data. The same names elsewhere (`openai.chat.completions.create`, `DecorationSet.create`,
 * `EditorState.create`) build or ask for something and change nothing.
 */
const DATA_MODULES = /^(@prisma\/client|prisma|drizzle-orm|typeorm|mongoose|mongodb|sequelize|knex|kysely|@mikro-orm\/|objection|redis|ioredis|@redis\/|@upstash\/redis|@vercel\/kv|@vercel\/postgres|@neondatabase\/serverless|@planetscale\/database|pg|postgres|mysql2|mysql|better-sqlite3|sqlite3|@libsql\/client|dynamoose|firebase\/firestore|@google-cloud\/firestore|convex|faunadb|neo4j-driver|cassandra-driver|@elastic\/elasticsearch|@pinecone-database\/pinecone|@qdrant\/js-client-rest|chromadb|weaviate-client|@zilliz\/milvus2-sdk-node|@airtable\/|airtable|@notionhq\/client|keyv|@keyv\/|lowdb|level|lmdb)(\/|$)/;
const AWS_MUTATING_COMMAND = /^(Put|Delete|Create|Update|Terminate|Run|Start|Stop|Modify|Attach|Detach|Invoke|Send|Publish|Copy|Restore|Reboot|Write|Batch|Upload|Remove|Add|Set|Enable|Disable|Import|Execute)\w*Command$/;

/**
 * The package a call's receiver chain comes from: `stripe.refunds.create` → `stripe`, via `new Stripe(…)`.
 * Variables are followed to their initializers at module level only (a client lives there), unless
 * `anywhere` says to follow function-local ones too.
 */
export function rootModule(expr: ts.Expression, symbols: SymbolResolver, depth = 0, anywhere = false): string | undefined {
  if (depth > 6) return undefined;
  let root = unwrapExpression(expr);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root)) {
    // promisify(execFile) is execFile.
    if (ts.isCallExpression(root) && root.arguments.length === 1 && /(^|\.)promisify$/.test(root.expression.getText())) return rootModule(root.arguments[0], symbols, depth + 1, anywhere);
    root = unwrapExpression(root.expression);
  }
  if (ts.isAwaitExpression(root)) return rootModule(root.expression, symbols, depth + 1, anywhere);
  if (ts.isNewExpression(root)) return rootModule(root.expression, symbols, depth + 1, anywhere);
  if (root.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  if (!ts.isIdentifier(root)) return undefined;
  const origin = symbols.originOf(root);
  if (!origin) return undefined;
  if (origin.kind === 'external') return origin.module.replace(/^node:/, '');
  if (origin.kind === 'local' && ts.isVariableDeclaration(origin.node) && origin.node.initializer && (anywhere || !isInsideFunction(origin.node))) {
    return rootModule(origin.node.initializer, symbols, depth + 1, anywhere);
  }
  return undefined;
}

function isInsideFunction(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return true;
  return false;
}

function methodName(callee: ts.Expression): string | undefined {
  const c = unwrapExpression(callee);
  if (ts.isPropertyAccessExpression(c)) return c.name.text;
  if (ts.isElementAccessExpression(c) && ts.isStringLiteralLike(c.argumentExpression)) return c.argumentExpression.text;
  if (ts.isIdentifier(c)) return c.text;
  return undefined;
}

function stringValue(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const e = unwrapExpression(expr);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text;
  return undefined;
}

function methodOption(arg: ts.Expression | undefined): string | undefined {
  const e = arg && unwrapExpression(arg);
  if (!e || !ts.isObjectLiteralExpression(e)) return undefined;
  for (const p of e.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'method') return stringValue(p.initializer)?.toUpperCase();
  return undefined;
}

type Detected = Omit<SideEffect, 'via' | 'span'>;

/** The side effect a call has, if any, judged from what it calls and how. */
export function sideEffectOf(call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression, symbols: SymbolResolver): SideEffect | undefined {
  const found = detect(call, symbols);
  return found && { ...found, span: spanOf(call), via: [] };
}

function detect(call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression, symbols: SymbolResolver): Detected | undefined {
  if (ts.isTaggedTemplateExpression(call)) {
    const text = ts.isNoSubstitutionTemplateLiteral(call.template) ? call.template.text : call.template.head.text;
    return SQL_WRITE.test(text) ? { kind: 'sql-write', description: `SQL ${text.trim().split(/\s+/)[0].toUpperCase()} statement` } : undefined;
  }
  // Constructing a client (`new Stripe(key)`, `new WebClient(token)`) acts on nothing by itself.
  if (ts.isNewExpression(call)) return undefined;
  const callee = unwrapExpression(call.expression);
  const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const name = methodName(callee);
  if (!name) return undefined;
  // fetch(url, { method: 'POST' })
  if (ts.isIdentifier(callee) && callee.text === 'fetch' && !findDeclaration('fetch', callee)) {
    const method = methodOption(args[1]);
    return method && WRITE_METHODS.has(method) ? { kind: 'http-write', description: `HTTP ${method} request` } : undefined;
  }
  const module = rootModule(callee, symbols);
  if (SETUP_CALL.test(name)) return undefined;
  if (module && HTTP_MODULES.test(module)) {
    const upper = name.toUpperCase();
    if (WRITE_METHODS.has(upper)) return { kind: 'http-write', description: `HTTP ${upper} request (${module})` };
    const method = methodOption(args[0]) ?? methodOption(args[1]);
    if (method && WRITE_METHODS.has(method)) return { kind: 'http-write', description: `HTTP ${method} request (${module})` };
    return undefined;
  }
  if (module && FS_MODULES.test(module) && FS_WRITES.has(name)) return { kind: 'file-write', description: `file system ${name}` };
  if (module && /^(child_process|execa)$/.test(module)) return { kind: 'process', description: `process execution (${name})` };
  if (module && /^(util)$/.test(module)) return undefined;
  if (module && MESSAGING_MODULES.test(module) && !READ_ONLY_SDK.test(name)) return { kind: 'messaging', description: `${module} ${name}` };
  if (module && PAYMENT_MODULES.test(module) && !READ_ONLY_SDK.test(name)) return { kind: 'payment', description: `${module} ${name}` };
  if (module && VCS_MODULES.test(module)) {
    const route = stringValue(args[0]);
    if (name === 'request' && route) return WRITE_METHODS.has(route.split(' ')[0].toUpperCase()) ? { kind: 'vcs', description: `${module} ${route.split(' ')[0].toUpperCase()} request` } : undefined;
    if (!READ_ONLY_SDK.test(name) && name !== 'paginate') return { kind: 'vcs', description: `${module} ${name}` };
  }
  if (module && CLOUD_MODULES.test(module)) {
    if (name === 'send' && args[0]) {
      const command = unwrapExpression(args[0]);
      const commandName = ts.isNewExpression(command) ? methodName(command.expression) : undefined;
      if (commandName && AWS_MUTATING_COMMAND.test(commandName)) return { kind: 'cloud', description: `${module} ${commandName}` };
      return undefined;
    }
    if (['insert', 'update', 'upsert', 'delete', 'upload', 'remove', 'put', 'set', 'publish', 'rpc'].includes(name)) return { kind: 'cloud', description: `${module} ${name}` };
    return undefined;
  }
  // SQL strings through any client: db.query('DELETE …'), pool.execute(`UPDATE …`)
  if (['query', 'execute', 'exec', 'run', 'prepare', 'unsafe', 'raw', 'sql', '$executeRawUnsafe', '$queryRawUnsafe'].includes(name)) {
    const text = stringValue(args[0]);
    if (text && SQL_WRITE.test(text)) return { kind: 'sql-write', description: `SQL ${text.trim().split(/\s+/)[0].toUpperCase()} statement` };
  }
  // ORM and store writes on a client from a data package: prisma.user.create(), db.insert(users), Model.deleteOne()
  if (module && DATA_MODULES.test(module) && ORM_WRITES.has(name) && ts.isPropertyAccessExpression(callee)) return { kind: 'orm-write', description: `${module} ${name}` };
  return undefined;
}
