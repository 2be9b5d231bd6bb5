import { createRequire } from 'node:module';

/**
 * zod, from its CommonJS build: Node 20 loads those ~100 files about a third faster than the ES
 * modules, and the daemon needs zod before it can serve. zod 4 keeps its registry on globalThis and
 * checks schema classes by trait, so schemas made with an ES-module copy still work with this one.
 */
export const z: typeof import('zod').z = (createRequire(import.meta.url)('zod') as typeof import('zod')).z;
