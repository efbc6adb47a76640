// The reference for `npm run bench`: a bare script that imports docx and writes the same document as
// `clausier build`, from the annex model Clausier composed (a JSON file), with the same layout code
// (dist/src/word/annex-document.js, which uses only docx). No answers are read or checked, no clause is
// selected or rendered, no validity gate, no safe writing: only docx building, packing and writing.
// Usage: node bench/bare-docx.mjs annex-model.json out.docx
//        node bench/bare-docx.mjs --batch list.json     (list: [[model.json, out.docx], ...])
import { readFileSync, writeFileSync } from "node:fs";
import { Packer } from "docx";
import { annexDocument } from "../dist/src/word/annex-document.js";

const args = process.argv.slice(2);
const jobs = args[0] === "--batch" ? JSON.parse(readFileSync(args[1], "utf8")) : [[args[0], args[1]]];
for (const [model, output] of jobs) {
  writeFileSync(output, await Packer.toBuffer(annexDocument(JSON.parse(readFileSync(model, "utf8")))));
}
