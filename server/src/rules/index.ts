import type { RuleMeta } from './meta';
import type { Rule } from './rule';
import AG101 from './AG101-missing-identity';
import AG102 from './AG102-incomplete-identity';
import AG103 from './AG103-identity-expired';
import AG104 from './AG104-undeclared-authority';
import AG105 from './AG105-over-provisioned-identity';
import AG201 from './AG201-broad-secret';
import AG202 from './AG202-inherited-environment';
import AG203 from './AG203-hardcoded-credential';
import AG204 from './AG204-shared-credential';
import AG205 from './AG205-wildcard-scope';
import AG301 from './AG301-memory-to-tool-flow';
import AG302 from './AG302-unguarded-privileged-tool';
import AG401 from './AG401-blast-radius-exceeded';
import AG402 from './AG402-delegation-escalation';
import AG901 from './AG901-invalid-config';
import AG902 from './AG902-unjustified-suppression';

/** Every rule the engine runs, in id order. Adding a rule: its file, its doc page, its fixtures, one line here. */
export const RULES: Rule[] = [AG101, AG102, AG103, AG104, AG105, AG201, AG202, AG203, AG204, AG205, AG301, AG302, AG401, AG402, AG901, AG902] as Rule[];

export function ruleMetas(): RuleMeta[] {
  return RULES.map((r) => {
    const { messages: _messages, ...meta } = r.meta;
    return meta;
  });
}

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id.toUpperCase() === id.toUpperCase() || r.meta.name === id);
}
