/**
 * The TypeScript compiler API, taken from ts-morph's bundled copy (TypeScript 6) so the project does
 * not depend on whichever `typescript` a workspace or the registry's `latest` happens to be.
 */
import { ts } from 'ts-morph';

export { ts };
