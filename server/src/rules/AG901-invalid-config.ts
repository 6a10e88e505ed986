import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG901',
    name: 'invalid-config',
    summary: 'The policy file is not valid; the analysis runs on the default policy until it is fixed.',
    defaultSeverity: 'error',
    reportedAt: 'the offending place in the policy file',
    standards: [],
    securitySeverity: 3.0,
    messages: {
      invalid: '{{problem}} (the default policy applies until this is fixed).',
    },
  },
  check(ctx) {
    for (const problem of ctx.policyProblems) ctx.report({ messageId: 'invalid', data: { problem: problem.message }, span: problem.span });
  },
});
