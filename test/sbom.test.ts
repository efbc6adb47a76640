import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { readSbom } from "../src/sbom/read.js";
import { readDocx } from "./helpers/docx.js";
import { ROOT, runCli, runMain, tempDir } from "./helpers/run.js";

const F = join(ROOT, "test", "fixtures", "sbom");
const TENDER = join(F, "tender.yaml");
const check = async (name: string) => {
  const r = await runMain(["check-sbom", join(F, name), "--against", TENDER, "--json"]);
  return { status: r.status, stderr: r.stderr, json: r.stdout ? (JSON.parse(r.stdout) as { format: string; document: { requirement: string; message: string }[]; packages: { name: string; status: string; findings: { requirement: string; message: string }[] }[]; components: { requirement: string; status: string; message: string }[]; counts: { errors: number; withoutLicence: number } }) : undefined };
};

describe("SBOM acceptance (check-sbom) and policy export", () => {
  it("reads each format and lists packages with their licence", async () => {
    const cdx = readSbom(readFileSync(join(F, "good-cyclonedx-1.6.json"), "utf8"));
    expect(cdx.format).to.equal("cyclonedx-1.6");
    expect(cdx.packages.map((p) => [p.name, p.licence, p.licenceSource])).to.deep.equal([
      ["powsybl-core", "MPL-2.0", "concluded"],
      ["left-pad", "WTFPL OR MIT", "declared"],
      ["logo.svg", "CC-BY-4.0", "declared"],
    ]);
    const spdx2 = readSbom(readFileSync(join(F, "good-spdx-2.3.json"), "utf8"));
    expect(spdx2.format).to.equal("spdx-2.3");
    expect(spdx2.packages.find((p) => p.name === "left-pad")).to.include({ licence: "WTFPL OR MIT", licenceSource: "declared" });
    const spdx3 = readSbom(readFileSync(join(F, "good-spdx-3.0.json"), "utf8"));
    expect(spdx3.format).to.equal("spdx-3.0");
    expect(spdx3.packages.map((p) => [p.name, p.version, p.licence, p.licenceSource])).to.deep.equal([
      ["PowSyBl Core", "6.0.0", "MPL-2.0", "concluded"],
      ["left-pad", "1.3.0", "MIT", "declared"],
    ]);
  });

  for (const name of ["good-spdx-2.3.json", "good-spdx-3.0.json", "good-cyclonedx-1.6.json"]) {
    it(`accepts a conforming delivery: ${name} (exit 0)`, async () => {
      const r = await check(name);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.json?.counts.errors).to.equal(0);
      expect(r.json?.components.map((c) => c.status)).to.deep.equal(["ok", "ok"]);
    });
  }

  it("finds every problem of a faulty SPDX delivery, citing the annex's requirements (exit 1)", async () => {
    const r = await check("problems-spdx-2.3.json");
    expect(r.status).to.equal(1);
    const byName = new Map(r.json!.packages.map((p) => [p.name, p]));
    expect(byName.get("old-library")?.findings[0]).to.deep.include({ requirement: "OSS-05" });
    expect(byName.get("old-library")?.findings[0]?.message).to.contain("refused by the tender");
    expect(byName.get("web-kit")?.findings[0]?.message).to.contain("network copyleft, not among the classes the tender accepts");
    expect(byName.get("mystery")?.status).to.equal("warning");
    expect(byName.get("typo-lib")?.findings[0]).to.deep.include({ requirement: "OSS-04" });
    // "Apache 2" is not sure to mean Apache-2.0: no guess is offered.
    expect(byName.get("typo-lib")?.findings[0]?.message).to.equal("“Apache 2” is not a valid SPDX licence expression (“Apache”)");
    expect(r.json?.counts.withoutLicence).to.equal(1);
    expect(r.json?.components[0]).to.include({ requirement: "OSS-01.1", status: "error" });
    expect(r.json?.components[0]?.message).to.contain("version 5.3.0, outside the range the tender requires (>=6.0)");
    expect(r.json?.components[1]).to.include({ requirement: "OSS-01.2", status: "warning" });
  });

  it("refuses a format the tender did not ask for, and reports schema errors plainly", async () => {
    const wrong = await check("wrong-format-cyclonedx-1.4.json");
    expect(wrong.status).to.equal(1);
    expect(wrong.json?.document[0]?.message).to.contain("the SBOM is in cyclonedx-1.4, but the tender asks for cyclonedx-1.6, spdx-2.3, spdx-3.0");
    const invalid = await check("invalid-schema-cyclonedx-1.6.json");
    expect(invalid.status).to.equal(1);
    expect(invalid.json?.document.map((d) => d.message).join("\n")).to.contain("version: must be of JSON type integer").and.to.contain("components[0].type: “gadget” is not one of the allowed values");
  });

  it("checks SPDX 2.3 against the official SPDX JSON Schema shipped in schemas/sbom/", async () => {
    const good = await runMain(["check-sbom", join(F, "good-spdx-2.3.json"), "--against", TENDER]);
    // 2.3 documents are checked against the latest 2.3.x schema.
    expect(good.stdout).to.contain("checked against the official SPDX 2.3.1 JSON Schema");
    const bad = await check("invalid-schema-spdx-2.3.json");
    expect(bad.status).to.equal(1);
    const messages = bad.json?.document.map((d) => d.message).join("\n") ?? "";
    expect(messages).to.contain("not valid against the official SPDX 2.3.1 JSON Schema");
    expect(messages).to.contain("creationInfo: the property “created” is missing");
    expect(messages).to.contain("SPDXID");
  });

  it("checks SPDX 3.0 against the official SPDX 3.0.1 JSON Schema", async () => {
    expect((await runMain(["check-sbom", join(F, "good-spdx-3.0.json"), "--against", TENDER])).stdout).to.contain("checked against the official SPDX 3.0.1 JSON Schema");
    const bad = await check("invalid-schema-spdx-3.0.json");
    expect(bad.status).to.equal(1);
    expect(bad.json?.document.map((d) => d.message).join("\n")).to.contain("@graph[0] (software_Package https://example.org/spdx/pkg/x): the property “notAField” is not allowed here");
  });

  it("refuses a file that is not JSON with the line and column (exit 2)", async () => {
    const r = await runMain(["check-sbom", join(F, "bad-json.json"), "--against", TENDER]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain("not valid JSON (line 2, column 34)");
  });

  it("checks Clausier's own SBOM, produced by @cyclonedx/cyclonedx-npm, against an example tender", async () => {
    const r = await runMain(["check-sbom", join(F, "clausier-cyclonedx-1.6.json"), "--against", join(ROOT, "examples", "minimal.yaml")]);
    expect(r.stdout).to.contain("checked against the official CycloneDX 1.6 JSON Schema");
    expect(r.stdout).to.match(/OK\s+docx@\S+\s+MIT/);
    // spdx-exceptions is under CC-BY-3.0, which neither the OSI nor the FSF lists: refused under OSI/FSF.
    const flagship = await runMain(["check-sbom", join(F, "clausier-cyclonedx-1.6.json"), "--against", join(ROOT, "examples", "grid-operator-fr.yaml")]);
    // The flagship tender is in French: so is the report.
    expect(flagship.stdout).to.contain("OSS-01.2  OperatorFabric est exigé (sans équivalent admis) et ne figure pas dans la nomenclature");
    expect(r.stdout).to.match(/ERROR\s+spdx-exceptions@\S+\s+CC-BY-3.0\s+OSS-05/);
    expect(r.status).to.equal(1);
  });

  it("writes an acceptance report in Word, in the tender's language", async () => {
    const out = join(tempDir(), "report.docx");
    const r = await runMain(["check-sbom", join(F, "problems-spdx-2.3.json"), "--against", TENDER, "-o", out]);
    expect(r.status).to.equal(1);
    const content = readDocx(readFileSync(out));
    expect(content.text).to.contain("SBOM acceptance report").and.to.contain("GRID-2026-OSS-042");
    expect(content.text).to.contain("The delivery does not meet the tender's requirements.");
    expect(content.tables.flat(2).join("\n")).to.contain("OSS-01.1").and.to.contain("OSS-05: GPL-2.0-only: GPL-2.0-only is refused by the tender");
  });

  it("exports the policy for ORT and as JSON", async () => {
    const ort = await runMain(["export-policy", TENDER, "--format", "ort"]);
    expect(ort.status).to.equal(0);
    const doc = parseYaml(ort.stdout) as { categories: { name: string }[]; categorizations: { id: string; categories: string[] }[] };
    expect(doc.categories.map((c) => c.name)).to.include.members(["permissive", "weak-copyleft", "tender-accepted", "tender-refused"]);
    const find = (id: string) => doc.categorizations.find((c) => c.id === id)?.categories;
    expect(find("MIT")).to.deep.equal(["permissive", "tender-accepted"]);
    expect(find("GPL-2.0-only")).to.deep.equal(["strong-copyleft", "tender-refused"]);
    expect(find("MPL-2.0")).to.deep.equal(["weak-copyleft", "tender-accepted"]);
    const json = JSON.parse((await runMain(["export-policy", TENDER, "--format", "json"])).stdout) as { deny: string[]; licences: { id: string; accepted: boolean }[] };
    expect(json.deny).to.deep.equal(["GPL-2.0-only"]);
    expect(json.licences.find((l) => l.id === "AGPL-3.0-or-later")?.accepted).to.equal(false);
    expect((await runMain(["export-policy", TENDER, "--format", "xml"])).status).to.equal(2);
  });
});

describe("check-sbom judges a delivery against what the annex states", () => {
  const cdx = (licence: string): string =>
    JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", version: 1, components: [{ type: "library", name: "x", version: "1.0", licenses: [{ license: { id: licence } }] }] });

  it("refuses a licence outside the policy when the annex states licence requirements, and only warns when it states none", async () => {
    const dir = tempDir();
    const sbom = join(dir, "delivery.cdx.json");
    writeFileSync(sbom, cdx("AGPL-3.0-only"));
    // minimal.yaml requires open source for the needs: OSS-04 and OSS-05 are in its annex.
    const stated = await runMain(["check-sbom", sbom, "--against", join(ROOT, "examples", "minimal.yaml"), "--json"]);
    expect(stated.status).to.equal(1);
    expect(JSON.parse(stated.stdout).packages[0].status).to.equal("error");
    // No component and no open source need: the annex has no licence clause, so the policy cannot refuse.
    const answers = join(dir, "answers.yaml");
    writeFileSync(answers, "schemaVersion: 1\ntender: {title: T, reference: R-1, buyer: B, language: en}\nlicensePolicy: {definition: [osi], allowedClasses: [permissive]}\ncompliance: {openChain: false, sbom: {required: true, formats: [cyclonedx-1.6]}}\n");
    const none = await runMain(["check-sbom", sbom, "--against", answers, "--json"]);
    const result = JSON.parse(none.stdout) as { packages: { status: string }[]; document: { code: string; severity: string }[] };
    expect(result.packages[0]?.status).to.equal("warning");
    expect(result.document.map((f) => `${f.severity} ${f.code}`)).to.include("warning licences-not-stated");
    expect(none.status, none.stdout).to.equal(0);
  });
});

