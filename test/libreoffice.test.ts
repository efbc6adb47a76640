import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAnnex } from "../src/build.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { readFileSync } from "node:fs";
import { ROOT, tempDir } from "./helpers/run.js";

function requireTool(tool: string, pkg: string): void {
  if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
    throw new Error(`${tool} is not installed: install the Debian package ${pkg} (apt-get install ${pkg}); .ci/run does it`);
  }
}

describe("LibreOffice opens the annexes", function () {
  this.timeout(180_000);

  it("converts the English and French examples to PDF, with the clause numbers Word would show", async () => {
    requireTool("soffice", "libreoffice-writer-nogui");
    requireTool("pdftotext", "poppler-utils");
    const dir = tempDir();
    const names = ["grid-operator-fr", "city-map-server-en"];
    for (const name of names) {
      const answers = validateAnswersText(name, readFileSync(join(ROOT, "examples", `${name}.yaml`), "utf8")).answers!;
      writeFileSync(join(dir, `${name}.docx`), (await buildAnnex(answers)).bytes);
    }
    const convert = spawnSync(
      "timeout",
      ["150", "soffice", `-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...names.map((n) => join(dir, `${n}.docx`))],
      { encoding: "utf8" },
    );
    expect(convert.status, convert.stderr).to.equal(0);
    const text: Record<string, string> = {};
    for (const name of names) {
      const pdf = join(dir, `${name}.pdf`);
      // LibreOffice exits 0 even when it cannot load a file: the PDF must exist and not be empty.
      expect(existsSync(pdf), `${name}.pdf`).to.equal(true);
      expect(statSync(pdf).size).to.be.greaterThan(5000);
      text[name] = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
    }
    const fr = text["grid-operator-fr"] ?? "";
    expect(fr).to.match(/1\.\s+Dispositions générales/);
    expect(fr).to.match(/2\.1\.\s+OSS-01 – Composants libres et open source exigés/);
    expect(fr).to.match(/3\.2\.\s+Justificatifs à l’admission/);
    expect(fr).to.match(/Page 1 sur \d+/);
    expect(fr).to.contain("GRID-2026-OSS-042 — Annexe logiciels libres et open source");
    const en = text["city-map-server-en"] ?? "";
    expect(en).to.match(/2\.1\.\s+OSS-03 – Open source as an award criterion/);
    expect(en).to.match(/Page 1 of \d+/);
    expect(en).to.match(/a\)\s+the contribution contains no confidential information/);
  });
});
