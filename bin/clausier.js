#!/usr/bin/env node
// Clausier's command line. The TypeScript sources are compiled to dist/ by `npm ci` (the `prepare` script).
import { main } from "../dist/src/cli/main.js";

// Output piped into a program that stops reading (`clausier licenses MIT | head -1`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
