import type { DeclarationTag } from '../model/types';
import { tagValueSchemas } from '../engine/declaration';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG102',
    name: 'incomplete-identity',
    summary: 'An identity declaration lacks an accountable owner or a required tag, or has a malformed value.',
    defaultSeverity: 'warning',
    reportedAt: "the declaration's tag",
    standards: ['OWASP NHI Top 10 2025: NHI1 Improper Offboarding', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse', 'OWASP Agentic Top 10 2026: ASI10 Rogue Agents'],
    securitySeverity: 4.0,
    messages: {
      noOwner: "The identity of '{{agent}}' names no owner: add @owner with an accountable team or person.",
      placeholderOwner: "The owner of '{{agent}}' {{problem}}: name an accountable team or person.",
      ownerNotAllowed: "The owner '{{owner}}' of '{{agent}}' is not one the policy allows.",
      missingTag: "The identity of '{{agent}}' lacks @{{tag}}, which the policy requires.",
      malformed: "@{{tag}} of '{{agent}}' {{problem}}.",
      duplicateIdentity: "The identity '{{identity}}' is declared by {{count}} agents ({{agents}}); an identity must be unique in the workspace.",
    },
  },
  check(ctx) {
    for (const agent of ctx.model.agents) {
      const decl = agent.declaration;
      if (!decl) continue;
      const tag = (name: string): DeclarationTag | undefined => decl.tags.find((t) => t.name === name);
      const identityTag = tag('agentIdentity')!;
      const data = { agent: agent.name };
      const identity = tagValueSchemas.agentIdentity.safeParse(identityTag.value);
      if (!identity.success) ctx.report({ messageId: 'malformed', data: { ...data, tag: 'agentIdentity', problem: identity.error.issues[0].message }, span: identityTag.span, agent });
      const sharing = decl.identity ? ctx.identities.get(decl.identity) ?? [] : [];
      if (sharing.length > 1) {
        ctx.report({
          messageId: 'duplicateIdentity',
          data: { identity: decl.identity!, count: sharing.length, agents: sharing.map((a) => a.name).join(', ') },
          span: identityTag.span,
          agent,
          related: sharing.filter((a) => a !== agent).map((a) => ({ span: a.declaration!.tags.find((t) => t.name === 'agentIdentity')!.span, message: `also declared by '${a.name}'` })),
        });
      }
      const ownerTag = tag('owner');
      if (!ownerTag) {
        ctx.report({ messageId: 'noOwner', data, span: identityTag.span, agent });
      } else {
        const owner = tagValueSchemas.owner.safeParse(ownerTag.value);
        if (!owner.success) {
          const suggested = ctx.suggestedOwner(agent.span.file);
          const fixes = suggested !== 'TODO' ? [{ title: `Set the owner to ${suggested}`, edits: [{ file: ownerTag.span.file, start: ownerTag.valueSpan.start, end: ownerTag.valueSpan.end, newText: suggested }], safe: false }] : [];
          ctx.report({ messageId: 'placeholderOwner', data: { ...data, problem: owner.error.issues[0].message }, span: ownerTag.span, agent, fixes });
        } else if (!ownerAllowed(ownerTag.value, ctx.policy.owners)) {
          ctx.report({ messageId: 'ownerNotAllowed', data: { ...data, owner: ownerTag.value }, span: ownerTag.span, agent });
        }
      }
      for (const required of ctx.policy.requireTags) {
        if (!tag(required)) ctx.report({ messageId: 'missingTag', data: { ...data, tag: required }, span: identityTag.span, agent });
      }
      for (const name of ['review', 'reviewed', 'expires'] as const) {
        const t = tag(name);
        if (!t) continue;
        const result = tagValueSchemas[name].safeParse(t.value);
        if (!result.success) ctx.report({ messageId: 'malformed', data: { ...data, tag: name, problem: result.error.issues[0].message }, span: t.span, agent });
      }
      const entrySchemas = { memory: tagValueSchemas.memoryEntry, secrets: tagValueSchemas.secretEntry, tools: tagValueSchemas.toolEntry, delegates: tagValueSchemas.delegateEntry };
      for (const name of ['memory', 'secrets', 'tools', 'delegates'] as const) {
        for (const t of decl.tags.filter((x) => x.name === name)) {
          if (!t.entries.length) {
            ctx.report({ messageId: 'malformed', data: { ...data, tag: name, problem: 'is empty; list entries, or remove the tag to declare none' }, span: t.span, agent });
            continue;
          }
          for (const entry of t.entries) {
            const raw = entry.scopes ? `${entry.value}(${entry.scopes.join(',')})` : entry.value;
            const result = entrySchemas[name].safeParse(raw);
            if (!result.success) ctx.report({ messageId: 'malformed', data: { ...data, tag: name, problem: `entry '${entry.value}' ${result.error.issues[0].message}` }, span: entry.span, agent });
          }
        }
      }
    }
  },
});

function ownerAllowed(owner: string, rules: { allowed: string[]; patterns: string[] }): boolean {
  if (!rules.allowed.length && !rules.patterns.length) return true;
  return rules.allowed.includes(owner) || rules.patterns.some((p) => new RegExp(p).test(owner));
}
