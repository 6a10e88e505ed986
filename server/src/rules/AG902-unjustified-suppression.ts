import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'AG902',
    name: 'unjustified-suppression',
    summary: 'A suppression comment gives no reason; it suppresses nothing until it does.',
    defaultSeverity: 'warning',
    reportedAt: 'a suppression comment with no `-- reason`',
    standards: [],
    securitySeverity: 2.0,
    messages: {
      noReason: 'This suppression of {{rules}} gives no reason, so it suppresses nothing: write `-- <why this is acceptable>` after the rule ids.',
    },
  },
  check(ctx) {
    for (const s of ctx.suppressions) {
      if (!s.reason) ctx.report({ messageId: 'noReason', data: { rules: s.ruleIds.join(', ') }, span: s.span });
    }
  },
});
