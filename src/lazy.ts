/**
 * Third-party CommonJS packages loaded on first use rather than at start-up, so that each command pays only
 * for what it runs (`clausier licenses` never loads the JSON Schema compiler or Handlebars' compiler). The
 * start-up test (test/startup.test.ts) checks which modules each command loads.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A function that loads `id` with `require` the first time it is called, and returns it. */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
