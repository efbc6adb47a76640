// Preloaded with `node --import` by bench/bench.ts: when the process ends, writes its CPU time (user +
// system, all threads) and peak memory (maximum resident set size) to the file named by BENCH_MEASURE.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_MEASURE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMicros: usage.userCPUTime + usage.systemCPUTime, maxRssKiB: usage.maxRSS }));
  });
}
