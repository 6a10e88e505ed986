/**
 * Which environment variables are configuration rather than credentials. A secret an agent reaches
 * widens its identity (declarations, blast radius, AG104), so a model name or a feature flag must not
 * count as one; but a missed credential is worse than a noisy one, so a name is configuration only when
 * it is a well-known process variable, a service address (`…_BASE_URL`, `…_ENDPOINT`), or has a
 * configuration shape (`…_MODEL_NAME`, `…_REGION`, `AUTO_…`), with no credential word in either case.
 */
const PROCESS_VARIABLES = new Set(['PATH', 'HOME', 'PWD', 'TMPDIR', 'TEMP', 'TMP', 'TZ', 'LANG', 'LC_ALL', 'SHELL', 'USER', 'LOGNAME', 'TERM', 'NODE_ENV', 'NODE_OPTIONS', 'CI', 'DEBUG', 'LOG_LEVEL', 'PORT', 'HOST', 'HOSTNAME']);

const CREDENTIAL_WORD = /(^|_)(API|KEYS?|\w*KEY|TOKENS?|\w*TOKEN|SECRETS?|PASS(WORD|WD|PHRASE)?|PWD|CREDENTIALS?|CREDS?|AUTH\w*|PRIVATE|CERT\w*|SIGNING|SALT|DSN|SID|COOKIE|SESSION|WEBHOOK|CONN(ECTION)?|URI|URL|BEARER|JWT|OTP|PIN|ACCESS|LOGIN|USER(NAME)?)(_|$)/;

const CONFIGURATION_SHAPE =
  /^(AUTO|ENABLE|DISABLE|FEATURE|USE|IS|SHOW|SKIP)_|_(MODEL|MODEL_NAME|MODEL_ID|NAME|REGION|ZONE|LOG_LEVEL|LEVEL|ENABLED|DISABLED|MODE|ENV|ENVIRONMENT|PORT|TIMEOUT(_MS)?|TTL|LIMIT|MAX_\w+|SIZE|COUNT|RETRIES|DIR|PATH|VERSION|LOCALE|LANGUAGE|FLAG|TEMPERATURE|VERBOSE|DEBUG|FORMAT|INTERVAL(_MS)?|CONCURRENCY)$|^(MODEL|MODEL_NAME|REGION|LOCALE|LOG_FORMAT)$/;

/** Where a service is, not how to get in: `OPENROUTER_BASE_URL`, `SEARCH_ENDPOINT` (a connection string such as `DATABASE_URL` or a `…_WEBHOOK_URL` is a credential). */
const ADDRESS_SUFFIX = /_(BASE_URL|API_URL|API_BASE|ENDPOINT|HOST|ORIGIN)$/;

export function isConfigurationName(name: string): boolean {
  const upper = name.toUpperCase();
  if (PROCESS_VARIABLES.has(upper)) return true;
  const address = ADDRESS_SUFFIX.exec(upper);
  if (address) return !CREDENTIAL_WORD.test(upper.slice(0, address.index));
  return CONFIGURATION_SHAPE.test(upper) && !CREDENTIAL_WORD.test(upper);
}
