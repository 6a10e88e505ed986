/**
 * The TypeScript compiler API, taken from ts-morph's bundled copy (TypeScript 6) so the project does
 * not depend on whichever `typescript` a workspace or the registry's `latest` happens to be.
 */
import * as morph from 'ts-morph';

// An alias binds the namespace object once; a re-exported import would go through the bundle's
// CommonJS interop getter on every `ts.` access, which shows in profiles of a scan.
export import ts = morph.ts;
