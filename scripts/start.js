// `npm start`: builds the flagship example (a grid operator's tender, in French, using all eight
// requirement families) into out/ and says where the annex is.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { main } from "../dist/src/cli/main.js";

const answers = "examples/grid-operator-fr.yaml";
const output = "out/grid-operator-fr.docx";
mkdirSync("out", { recursive: true });
const code = await main(["build", answers, "-o", output, "--force"]);
if (code === 0) {
  console.log(`\nThe annex is at ${resolve(output)}; open it in Word or LibreOffice.`);
  console.log(`It was built from ${answers}. Build your own with: node bin/clausier.js build <answers.yaml> -o <annex.docx>`);
}
process.exitCode = code;
