// `npm start`: in a terminal, the interview (`clausier new`, writing out/annex.docx and out/answers.yaml);
// without a terminal (CI, a pipe), it builds the flagship example (a grid operator's tender in French using
// all eight requirement families) into out/ and says where the annex is.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { main } from "../dist/src/cli/main.js";

mkdirSync("out", { recursive: true });
if (process.stdin.isTTY && process.stdout.isTTY) {
  process.exitCode = await main(["new", "-o", "out/annex.docx", "--answers", "out/answers.yaml"]);
} else {
  const answers = "examples/grid-operator-fr.yaml";
  const output = "out/grid-operator-fr.docx";
  const code = await main(["build", answers, "-o", output, "--force"]);
  if (code === 0) {
    console.log(`\nThe annex is at ${resolve(output)}; open it in Word or LibreOffice.`);
    console.log(`It was built from ${answers}. In a terminal, npm start runs the interview instead (clausier new).`);
  }
  process.exitCode = code;
}
