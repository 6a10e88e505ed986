import { agentNames, reachedSites, reachRelated, viaText } from '../engine/agentReach';
import { defineRule } from './rule';

const WHAT = {
  'env-pass-through': 'passes the whole host environment (process.env)',
  'env-spread': 'spreads the whole host environment (...process.env)',
  'env-copy': 'copies the whole host environment',
  'env-dynamic': 'reads environment variables by a computed name (process.env[…])',
  'child-process-default-env': 'starts a child process without an explicit env, so Node passes it the whole host environment',
} as const;

export default defineRule({
  meta: {
    id: 'AG202',
    name: 'inherited-environment',
    summary: 'Agent-reachable code hands the whole host environment, with every secret in it, to a server, a child process or a computed read.',
    defaultSeverity: 'error',
    reportedAt: 'whole-environment pass-through, dynamic `process.env[k]`, and child processes started without an explicit `env` from agent-reachable code',
    standards: ['OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP NHI Top 10 2025: NHI2 Secret Leakage', 'OWASP NHI Top 10 2025: NHI9 NHI Reuse', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse'],
    securitySeverity: 8.0,
    messages: {
      inherited: 'This code {{what}}; {{agents}} can reach it{{via}}, so every secret of the host becomes theirs. Pass only the variables it needs.',
    },
  },
  check(ctx) {
    for (const site of reachedSites(ctx.model.agents, 'envExposures')) {
      ctx.report({
        messageId: 'inherited',
        data: { what: WHAT[site.item.kind], agents: agentNames(site), via: viaText(site.item.via) },
        span: site.item.span,
        agent: site.agents[0].agent,
        related: reachRelated(site),
        fixes: site.item.fix ? [site.item.fix] : [],
      });
    }
  },
});
