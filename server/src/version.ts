/** The package version, injected by the bundler; `0.0.0-dev` when running from source. */
declare const __AGENT_GOVERNANCE_VERSION__: string | undefined;

export const VERSION: string = typeof __AGENT_GOVERNANCE_VERSION__ === 'string' ? __AGENT_GOVERNANCE_VERSION__ : '0.0.0-dev';
