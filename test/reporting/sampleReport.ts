/**
 * Hand-built reports for the renderer tests: shaped like what buildReport produces for a small
 * workspace with agents of four frameworks, findings of several rules, one of them suppressed, and one
 * with a related location.
 */

import type { Report, ReportAgent, ReportFinding } from '../../server/src/reporting/report';
import type { RuleMeta } from '../../server/src/rules/meta';

export const HOSTILE = '<img src=x onerror=alert(1)>';

export function sampleRules(): RuleMeta[] {
  const rule = (id: string, name: string, defaultSeverity: RuleMeta['defaultSeverity'], securitySeverity: number, summary: string): RuleMeta => ({
    id,
    name,
    summary,
    defaultSeverity,
    reportedAt: 'the place the finding concerns',
    standards: ['OWASP NHI Top 10 2025: NHI5 Overprivileged NHI', 'OWASP Agentic Top 10 2026: ASI03 Identity & Privilege Abuse'],
    securitySeverity,
  });
  return [
    rule('AG101', 'missing-identity', 'warning', 5.0, 'An agent has no scoped identity declaration: no owner, no declared scope.'),
    rule('AG102', 'incomplete-identity', 'warning', 4.0, 'An identity declaration lacks an owner or a required tag.'),
    rule('AG104', 'undeclared-authority', 'warning', 5.5, 'An agent uses a tool, secret, delegate or memory its declaration does not list.'),
    rule('AG105', 'over-provisioned-identity', 'info', 2.0, 'A declaration lists something the agent never uses.'),
    rule('AG201', 'broad-secret', 'warning', 7.0, 'A broad or long-lived secret is reachable from an agent.'),
    rule('AG205', 'wildcard-scope', 'warning', 6.0, 'A wildcard or admin permission scope is used in agent-reachable code.'),
    rule('AG301', 'memory-to-tool-flow', 'error', 8.0, 'Recalled memory reaches a privileged tool without an approval point.'),
    rule('AG401', 'blast-radius-exceeded', 'warning', 6.5, "An agent's transitive reach exceeds the policy limit."),
  ];
}

const observed = (partial: Partial<ReportAgent['observed']>): ReportAgent['observed'] => ({
  tools: [],
  secrets: [],
  memory: [],
  delegates: [],
  hosts: [],
  ...partial,
});

export function sampleAgents(): ReportAgent[] {
  return [
    {
      name: 'supportAgent',
      identity: 'support-triage',
      framework: 'mastra',
      location: { file: 'src/agents/support.ts', line: 12, column: 14 },
      declared: {
        owner: 'team-support',
        tools: ['lookupTicket'],
        secrets: ['ZENDESK_TOKEN'],
        memory: ['thread'],
        delegates: [],
        review: '90d',
        reviewed: '2026-10-01',
        expires: null,
      },
      observed: observed({
        tools: ['lookupTicket', 'refundPayment'],
        secrets: [
          { name: 'STRIPE_SECRET_KEY', broad: true },
          { name: 'ZENDESK_TOKEN', broad: false },
        ],
        memory: ['thread'],
        hosts: ['api.stripe.com', 'api.zendesk.com'],
      }),
      blastRadius: 5,
    },
    {
      name: 'researchAgent',
      identity: null,
      framework: 'openai-agents',
      location: { file: 'src/agents/research.ts', line: 8, column: 23 },
      declared: null,
      observed: observed({ tools: ['webSearch'], secrets: [{ name: 'SEARCH_API_KEY', broad: false }], hosts: ['api.search.example'] }),
      blastRadius: 2,
    },
    {
      name: 'billingGraph',
      identity: 'billing-graph',
      framework: 'langchain',
      location: { file: 'src/graphs/billing.ts', line: 30, column: 7 },
      declared: {
        owner: '@acme/payments',
        tools: ['chargeCard', 'mcp:erp', 'legacyExport'],
        secrets: ['STRIPE_RESTRICTED_KEY(refunds:write)'],
        memory: ['checkpoint'],
        delegates: ['support-triage'],
        review: null,
        reviewed: null,
        expires: '2027-06-30',
      },
      observed: observed({
        tools: ['chargeCard', 'erp_createInvoice', 'erp_deleteInvoice'],
        secrets: [
          { name: 'AWS_SECRET_ACCESS_KEY', broad: true },
          { name: 'ERP_TOKEN', broad: false },
          { name: 'STRIPE_RESTRICTED_KEY', broad: false },
        ],
        memory: ['checkpoint', 'store'],
        delegates: ['support-triage'],
        hosts: ['erp.internal.example', 'api.stripe.com', 's3.amazonaws.com'],
      }),
      blastRadius: 12,
    },
    {
      name: 'chatRoute',
      identity: 'web-chat',
      framework: 'ai-sdk',
      location: { file: 'app/api/chat/route.ts', line: 5, column: 1 },
      declared: {
        owner: 'TODO',
        tools: ['getWeather'],
        secrets: [],
        memory: ['none'],
        delegates: [],
        review: null,
        reviewed: null,
        expires: null,
      },
      observed: observed({ tools: ['getWeather'], hosts: ['api.weather.example'] }),
      blastRadius: 1,
    },
  ];
}

export function sampleFindings(): ReportFinding[] {
  return [
    {
      ruleId: 'AG301',
      severity: 'error',
      message: "Memory recalled by agent 'supportAgent' flows into the 'amount' argument of privileged tool 'refundPayment' with no approval point.",
      location: { file: 'src/agents/support.ts', line: 41, column: 9, endLine: 41, endColumn: 33 },
      agent: 'supportAgent',
      suppressed: false,
      related: [
        { message: 'thread memory is recalled here', location: { file: 'src/agents/support.ts', line: 30, column: 17, endLine: 30, endColumn: 40 } },
        { message: "tool 'refundPayment' is defined here", location: { file: 'src/tools/billing.ts', line: 10, column: 14, endLine: 10, endColumn: 27 } },
      ],
    },
    {
      ruleId: 'AG201',
      severity: 'warning',
      message: "Agent 'supportAgent' reaches broad secret STRIPE_SECRET_KEY through tool 'refundPayment'.",
      location: { file: 'src/tools/billing.ts', line: 3, column: 28, endLine: 3, endColumn: 57 },
      agent: 'supportAgent',
      suppressed: false,
    },
    {
      ruleId: 'AG201',
      severity: 'warning',
      message: "Agent 'billingGraph' reaches broad secret AWS_SECRET_ACCESS_KEY through tool 'erp_createInvoice'.",
      location: { file: 'src/clients/s3.ts', line: 4, column: 19, endLine: 4, endColumn: 52 },
      agent: 'billingGraph',
      suppressed: false,
    },
    {
      ruleId: 'AG104',
      severity: 'warning',
      message: "Agent 'supportAgent' (identity 'support-triage') uses tool 'refundPayment', which its @tools does not declare.",
      location: { file: 'src/agents/support.ts', line: 19, column: 5, endLine: 19, endColumn: 18 },
      agent: 'supportAgent',
      suppressed: false,
    },
    {
      ruleId: 'AG101',
      severity: 'warning',
      message: "Agent 'researchAgent' has no scoped identity declaration: nobody owns it and nothing bounds what it may use (1 tool, 1 secret).",
      location: { file: 'src/agents/research.ts', line: 8, column: 23, endLine: 8, endColumn: 32 },
      agent: 'researchAgent',
      suppressed: false,
    },
    {
      ruleId: 'AG102',
      severity: 'warning',
      message: "Identity 'web-chat' has a placeholder @owner (TODO).",
      location: { file: 'app/api/chat/route.ts', line: 3, column: 4, endLine: 3, endColumn: 15 },
      agent: 'chatRoute',
      suppressed: false,
    },
    {
      ruleId: 'AG205',
      severity: 'warning',
      message: "Wildcard scope 's3:*' in code reachable from agent 'billingGraph'.",
      location: { file: 'src/clients/s3.ts', line: 9, column: 15, endLine: 9, endColumn: 21 },
      agent: 'billingGraph',
      suppressed: true,
      suppressionReason: 'bucket policy narrows this to the invoices bucket',
    },
    {
      ruleId: 'AG401',
      severity: 'warning',
      message: "Agent 'billingGraph' reaches 12 secrets, hosts, privileged tools and delegates; the limit is 10.",
      location: { file: 'src/graphs/billing.ts', line: 30, column: 7, endLine: 30, endColumn: 23 },
      agent: 'billingGraph',
      suppressed: false,
    },
    {
      ruleId: 'AG105',
      severity: 'info',
      message: "Identity 'billing-graph' declares tool 'legacyExport', which the agent never uses.",
      location: { file: 'src/graphs/billing.ts', line: 26, column: 12, endLine: 26, endColumn: 19 },
      agent: 'billingGraph',
      suppressed: false,
    },
  ];
}

export function sampleReport(): Report {
  return { schemaVersion: 1, tool: { name: 'agent-governance', version: '0.1.0' }, agents: sampleAgents(), findings: sampleFindings() };
}

/**
 * A report whose workspace-controlled strings (agent name, identity, owner, file, messages, reason) try
 * to inject HTML, break Markdown tables, add links and send terminal escape sequences.
 */
export function hostileReport(): Report {
  const name = `${HOSTILE}|evil\`code\` [x](https://evil.example)\nsecond line\u001b[31m`;
  const report = sampleReport();
  report.agents[0] = { ...report.agents[0], name, identity: `id|${HOSTILE}`, declared: { ...report.agents[0].declared!, owner: `<b>owner</b>|x` } };
  report.findings = [
    {
      ruleId: 'AG104',
      severity: 'warning',
      message: `Agent '${name}' uses tool '${HOSTILE}' | col | which its @tools does not declare.`,
      location: { file: `src/${HOSTILE}|.ts`, line: 2, column: 3, endLine: 2, endColumn: 9 },
      agent: name,
      suppressed: true,
      suppressionReason: `reviewed ${HOSTILE}`,
      related: [{ message: `recalled ${HOSTILE} here`, location: { file: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 2 } }],
    },
  ];
  return report;
}
