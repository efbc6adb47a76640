// Preloaded with `node --import` by the start-up test: appends the path of every module the process
// loads, ECMAScript modules (through a loader hook) and CommonJS ones (through the CommonJS loader), to
// the file named by CLAUSIER_TRACE_MODULES.
import { appendFileSync } from "node:fs";
import { register, createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const file = process.env.CLAUSIER_TRACE_MODULES;
if (file) {
  register(
    "data:text/javascript," +
      encodeURIComponent(`
        import { appendFileSync } from "node:fs";
        import { fileURLToPath } from "node:url";
        export async function load(url, context, next) {
          if (url.startsWith("file:")) appendFileSync(${JSON.stringify(file)}, fileURLToPath(url) + "\\n");
          return next(url, context);
        }`),
  );
  const Module = createRequire(import.meta.url)("node:module");
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    try {
      const resolved = Module._resolveFilename(request, parent, isMain);
      if (resolved.startsWith("/")) appendFileSync(file, resolved + "\n");
    } catch {
      // Unresolvable requests fail in the original loader with their own error.
    }
    return original.apply(this, arguments);
  };
  void fileURLToPath;
}
