/**
 * check-sbom on real SBOMs (test/fixtures/sbom/real/, see its README) and on the faults of issue 12, each
 * shown gone with a fixture or a small generated input. Sizes are measured by bench/sbom-scale.ts, never
 * here.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { createRequire } from "node:module";
import { parse as parseYaml } from "yaml";
import { sbomText } from "../src/cli/commands/check-sbom.js";
import { messages } from "../src/i18n/messages.js";
import { licenceCatalogue } from "../src/licences/catalogue.js";
import { checkSbom, type PackageResult, type SbomCheck } from "../src/sbom/check.js";
import { readSbom } from "../src/sbom/read.js";
import { checkSbomSchema } from "../src/sbom/schema.js";
import { compareRpm, inRange, prepareOrdering, rpmvercmp } from "../src/sbom/versions.js";
import { packDocx } from "../src/word/package.js";
import { sbomReportDocument, REPORT_CAP } from "../src/word/sbom-report.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { readDocx } from "./helpers/docx.js";
import { answersFile, ROOT, runMain, tempDir } from "./helpers/run.js";

const REAL = join(ROOT, "test", "fixtures", "sbom", "real");
const ALL_FORMATS = "[spdx-2.2, spdx-2.3, spdx-3.0, cyclonedx-1.4, cyclonedx-1.5, cyclonedx-1.6]";

/**
 * A tender that asks for an SBOM in any format Clausier reads, with the given components and policy, and
 * open source for all its needs, so that its annex states the licence requirements (OSS-04, OSS-05).
 */
function tender(options: { components?: string; policy?: string; language?: string } = {}): string {
  return answersFile(`schemaVersion: 1
tender: { title: Delivery, reference: FIELD-1, buyer: Test buyer, language: ${options.language ?? "en"}, issueDate: 2026-12-01 }
openSource: { scope: all }
${options.components ? `components:\n${options.components}\n` : ""}licensePolicy: ${options.policy ?? "{ definition: [osi, fsf], allowedClasses: [permissive, weak-copyleft], deny: [GPL-2.0-only] }"}
compliance:
  openChain: true
  evidence: self-certification
  sbom: { required: true, formats: ${ALL_FORMATS} }
`);
}

interface Json {
  format: string;
  schema: { count: number; problems: { where: string; keyword: string; message: string }[] };
  document: { code: string; severity: string; message: string }[];
  packages: { kind: string; name: string; version: string | null; licence: string | null; licences: { text: string; form: string }[]; status: string; findings: { code: string; severity: string; requirement: string; message: string }[] }[];
  components: { requirement: string; status: string; code: string; message: string }[];
  licenceRefs: { id: string; name: string | null; text: string | null }[];
  counts: { errors: number; withoutLicence: number; packages: Record<string, number>; files: Record<string, number> };
}

async function check(file: string, against = tender()): Promise<{ status: number | null; json: Json; stderr: string }> {
  const r = await runMain(["check-sbom", file, "--against", against, "--json"]);
  return { status: r.status, stderr: r.stderr, json: (r.stdout ? JSON.parse(r.stdout) : undefined) as Json };
}

const sbomFile = (data: unknown, name = "sbom.json"): string => {
  const file = join(tempDir(), name);
  writeFileSync(file, typeof data === "string" || data instanceof Uint8Array ? data : JSON.stringify(data, null, 1));
  return file;
};

const cyclonedx = (components: unknown[], version = "1.6"): unknown => ({ bomFormat: "CycloneDX", specVersion: version, version: 1, components });
const spdx23 = (packages: unknown[], extra: Record<string, unknown> = {}): unknown => ({
  spdxVersion: "SPDX-2.3",
  dataLicense: "CC0-1.0",
  SPDXID: "SPDXRef-DOCUMENT",
  name: "delivery",
  documentNamespace: "https://example.org/spdx/delivery",
  creationInfo: { created: "2026-11-30T12:00:00Z", creators: ["Tool: test"] },
  packages,
  ...extra,
});
const pkg = (name: string, version: string, licence: string, extra: Record<string, unknown> = {}): unknown => ({
  SPDXID: `SPDXRef-${name.replace(/[^A-Za-z0-9.-]/g, "-")}-${version.replace(/[^A-Za-z0-9.-]/g, "-")}`,
  name,
  versionInfo: version,
  downloadLocation: "NOASSERTION",
  licenseConcluded: licence,
  licenseDeclared: "NOASSERTION",
  copyrightText: "NOASSERTION",
  ...extra,
});
const purlRef = (purl: string): Record<string, unknown> => ({ externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl }] });

describe("check-sbom on real SBOMs", () => {
  // Under a tender that accepts every format: what each real SBOM holds and the verdict.
  const expected: [string, string, number, number, number][] = [
    // file, format, packages, files and snippets with a licence, exit status
    ["cdx-1.4-guac-nested-rpm-maven.json", "cyclonedx-1.4", 3, 0, 1],
    ["cdx-1.4-guac-small-legal.json", "cyclonedx-1.4", 3, 0, 0],
    ["cdx-1.5-cdxpython-pypi-pep639.json", "cyclonedx-1.5", 8, 0, 1],
    ["cdx-1.5-trivy-centos7-rpm-epoch.json", "cyclonedx-1.5", 3, 0, 1],
    ["cdx-1.5-trivy-maven-licence-names.json", "cyclonedx-1.5", 5, 0, 1],
    ["cdx-1.6-cdxpython-pypi-pep639.json", "cyclonedx-1.6", 7, 0, 1],
    ["cdx-1.6-cdxspec-invalid-declared-concluded-mix.json", "cyclonedx-1.6", 3, 0, 1],
    ["cdx-1.6-nodenpm-nested-integrity.json", "cyclonedx-1.6", 5, 0, 0],
    ["cdx-1.6-ort-reporter-multi-licence-origin.json", "cyclonedx-1.6", 5, 0, 0],
    ["cdx-1.6-sbomqs-licenseref-in-id.json", "cyclonedx-1.6", 2, 0, 1],
    ["spdx-2.2-ort-reporter-template-edgecases.json", "spdx-2.2", 10, 1, 1],
    ["spdx-2.2-spdxexamples-appbomination.json", "spdx-2.2", 7, 10, 1],
    ["spdx-2.2-trivy-centos7.json", "spdx-2.2", 4, 0, 1],
    ["spdx-2.3-spdxexamples-k8sbom-deb-cargo.json", "spdx-2.3", 4, 1, 0],
    ["spdx-2.3-spdxspec-example-v2.3.json", "spdx-2.3", 4, 5, 1],
    ["spdx-3.0-spdxexamples-aibom-simplehtr.json", "spdx-3.0", 13, 0, 1],
    ["spdx-3.0-spdxexamples-dataset-owid-co2.json", "spdx-3.0", 1, 0, 1],
    ["spdx-3.0-spdxexamples-go-bin-customlicense.json", "spdx-3.0", 1, 1, 1],
  ];
  for (const [file, format, packages, files, status] of expected) {
    it(`${file}: ${format}, ${packages} packages, ${files} files with a licence, exit ${status}`, async () => {
      const r = await check(join(REAL, file));
      expect(r.json.format).to.equal(format);
      expect(r.json.packages.filter((p) => p.kind !== "file" && p.kind !== "snippet")).to.have.length(packages);
      expect(r.json.packages.filter((p) => p.kind === "file" || p.kind === "snippet")).to.have.length(files);
      expect(r.status, JSON.stringify(r.json.document)).to.equal(status);
    });
  }

  it("reads the AI and dataset packages of an SPDX 3 AI BOM, with their licences", async () => {
    const sbom = readSbom(readFileSync(join(REAL, "spdx-3.0-spdxexamples-aibom-simplehtr.json")));
    const kinds = sbom.packages.map((p) => p.kind);
    expect(kinds.filter((k) => k === "ai-package")).to.have.length(2);
    expect(kinds.filter((k) => k === "dataset-package")).to.have.length(1);
    const model = sbom.packages.find((p) => p.kind === "ai-package" && p.name === "word-model");
    expect(model).to.include({ version: "0.0", licence: "MIT", licenceSource: "declared" });
    // The dataset's licence is a CustomLicense element: judged as the SBOM's own licence, quoted with its text.
    const r = await check(join(REAL, "spdx-3.0-spdxexamples-aibom-simplehtr.json"));
    const dataset = r.json.packages.find((p) => p.kind === "dataset-package");
    expect(dataset?.status).to.equal("error");
    expect(dataset?.findings[0]?.message).to.contain("the SBOM's own licence").and.to.contain("its text begins: “This database may be used for non-commercial research purpose only.");
    // The text report names the kind.
    const text = (await runMain(["check-sbom", join(REAL, "spdx-3.0-spdxexamples-aibom-simplehtr.json"), "--against", tender()])).stdout;
    expect(text).to.match(/word-model@0\.0 \(AI model\)/).and.to.match(/IAMdataset \(dataset\)/);
    expect(r.json.document.map((d) => d.code)).to.include("spdx-300-context");
  });

  it("shows a LicenseRef with its name and text (SPDX 2 hasExtractedLicensingInfos, SPDX 3 CustomLicense)", async () => {
    const r = await check(join(REAL, "spdx-2.2-spdxexamples-appbomination.json"));
    const app = r.json.packages.find((p) => p.name === "App-BOM-ination");
    expect(app?.findings.map((f) => f.message)).to.deep.include(
      "(LicenseRef-1 AND Apache-2.0): LicenseRef-1 (“Faust Proprietary Notice”) is the SBOM's own licence, not one of the SPDX list (its text begins: “This file is licensed under the following license. FAUST, INC. PROPRIETARY LICENSE: FAUST, INC. grants you a non-exclusive right to use, modify, and distribute…”): accepted only with the buyer's written agreement",
    );
    expect(r.json.licenceRefs.find((x) => x.id === "LicenseRef-1")).to.deep.include({ name: "Faust Proprietary Notice" });
    const go = await check(join(REAL, "spdx-3.0-spdxexamples-go-bin-customlicense.json"));
    // The document maps LicenseRef-Golang-BSD-plus-Patents to a URI that is not in its graph: the reference
    // is listed without a name or text (never guessed), and the CustomLicense element with its own text.
    expect(go.json.licenceRefs.find((x) => x.id === "LicenseRef-Golang-BSD-plus-Patents")).to.deep.equal({ id: "LicenseRef-Golang-BSD-plus-Patents", name: null, text: null });
    expect(go.json.licenceRefs.find((x) => x.id.endsWith("SPDXRef-gnrtd17"))?.text).to.contain("Copyright (c) 2009 The Go Authors. All rights reserved.");
    expect(go.json.packages.flatMap((p) => p.findings.map((f) => f.message)).join("\n")).to.contain("(GPL-3.0-or-later AND LicenseRef-Golang-BSD-plus-Patents): LicenseRef-Golang-BSD-plus-Patents is the SBOM's own licence");
    // In the text report too.
    const text = (await runMain(["check-sbom", join(REAL, "spdx-2.3-spdxspec-example-v2.3.json"), "--against", tender()])).stdout;
    expect(text).to.contain("Licences the SBOM defines itself:").and.to.contain("LicenseRef-Beerware-4.2 “Beer-Ware License (Version 42)”: \"THE BEER-WARE LICENSE\"");
  });

  it("checks the licences of SPDX 2 files and snippets (licenseConcluded, licenseInfoInFiles)", async () => {
    const r = await check(join(REAL, "spdx-2.3-spdxspec-example-v2.3.json"));
    const snippet = r.json.packages.find((p) => p.kind === "snippet");
    expect(snippet).to.deep.include({ name: "from linux kernel", status: "error" });
    expect(snippet?.findings[0]?.message).to.equal("GPL-2.0-only: GPL-2.0-only is refused by the tender");
    const k8s = await check(join(REAL, "spdx-2.3-spdxexamples-k8sbom-deb-cargo.json"));
    expect(k8s.json.packages.filter((p) => p.kind === "file").map((p) => p.licence)).to.deep.equal(["Apache-2.0"]);
  });

  it("never joins several CycloneDX licences into an expression the SBOM did not write, and says how they were read", async () => {
    const r = await check(join(REAL, "cdx-1.5-cdxpython-pypi-pep639.json"));
    const lxml = r.json.packages.find((p) => p.name === "lxml");
    expect(lxml?.licences.map((l) => l.text)).to.deep.equal(["BSD-3-Clause", "License :: OSI Approved :: BSD License"]);
    const messages = lxml?.findings.map((f) => f.message) ?? [];
    expect(messages.join("\n")).not.to.contain(" AND ");
    expect(messages[0]).to.equal("“License :: OSI Approved :: BSD License” is a licence name that is neither an SPDX identifier nor the exact name of a licence of the SPDX list, so Clausier cannot judge it");
    expect(messages[1]).to.contain("the SBOM lists 2 licences without saying whether all apply or one may be chosen");
    // Generated: MIT and GPL-3.0-only listed; the refused one is quoted alone.
    const g = await check(sbomFile(cyclonedx([{ type: "library", name: "dual", version: "1.0", licenses: [{ license: { id: "MIT" } }, { license: { id: "GPL-3.0-only" } }] }])));
    const dual = g.json.packages[0]!;
    expect(dual.licence).to.equal("MIT; GPL-3.0-only");
    expect(dual.findings.map((f) => f.message)).to.deep.equal([
      "GPL-3.0-only: GPL-3.0-only is strong copyleft, not among the classes the tender accepts",
      "the SBOM lists 2 licences without saying whether all apply or one may be chosen (CycloneDX does not say): each was judged as applying, and 1 is refused; a choice is written as an SPDX expression with OR",
    ]);
    // Written as a choice, it is accepted.
    const choice = await check(sbomFile(cyclonedx([{ type: "library", name: "dual", version: "1.0", licenses: [{ expression: "MIT OR GPL-3.0-only" }] }])));
    expect(choice.json.packages[0]?.status).to.equal("ok");
  });

  it("prefers the licences CycloneDX marks concluded (acknowledgement, or ORT's ort:origin)", async () => {
    const r = await check(join(REAL, "cdx-1.6-ort-reporter-multi-licence-origin.json"));
    const concluded = r.json.packages.find((p) => p.name === "@ort/concluded-license");
    expect(concluded?.licences.map((l) => l.text)).to.deep.equal(["MIT", "MIT WITH Libtool-exception"]);
    const declared = r.json.packages.find((p) => p.name === "@ort/declared-license");
    expect(declared?.licences.map((l) => l.text)).to.deep.equal(["MIT"]);
  });

  it("maps a licence name to an SPDX id only when it is sure, and suggests nothing it is not sure of", async () => {
    const r = await check(join(REAL, "cdx-1.5-trivy-maven-licence-names.json"));
    const byName = new Map(r.json.packages.map((p) => [p.name, p]));
    // "EPL-1.0" and "BSD-3-Clause" are ids written as names; "MIT License" is MIT's exact SPDX name.
    expect(byName.get("org.eclipse.sisu/org.eclipse.sisu.plexus")?.status).to.equal("ok");
    expect(byName.get("org.slf4j/slf4j-api")?.status).to.equal("ok");
    expect(byName.get("javax.servlet/javax.servlet-api")?.findings[0]?.code).to.equal("not-spdx-name");
    const g = await check(
      sbomFile(
        cyclonedx([
          { type: "library", name: "edl", version: "1", licenses: [{ license: { name: "Eclipse Distribution License - v 1.0" } }] },
          { type: "library", name: "edl-short", version: "1", licenses: [{ license: { name: "EDL" } }] },
          { type: "library", name: "apache", version: "1", licenses: [{ license: { name: "Apache License 2.0" } }] },
          { type: "library", name: "lower", version: "1", licenses: [{ expression: "mit" }] },
        ]),
      ),
    );
    const all = g.json.packages.flatMap((p) => p.findings.map((f) => f.message)).join("\n");
    expect(all).not.to.contain("EPL-1.0").and.not.to.contain("GPL-2.0-only").and.not.to.contain("did the supplier mean MIT?)\n");
    expect(g.json.packages.map((p) => [p.name, p.status])).to.deep.equal([
      ["edl", "error"],
      ["edl-short", "error"],
      ["apache", "ok"],
      ["lower", "error"],
    ]);
    expect(g.json.packages[0]?.findings[0]?.code).to.equal("not-spdx-name");
    // A case variant is sure: "mit" is MIT.
    expect(g.json.packages[3]?.findings[0]?.message).to.contain("did the supplier mean MIT?");
  });

  it("reads the NOASSERTION and NONE licences of SPDX 3 (the individuals) as such, not as unknown licences", async () => {
    const doc = {
      "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
      "@graph": [
        { type: "CreationInfo", "@id": "_:c", specVersion: "3.0.1", created: "2026-11-30T12:00:00Z", createdBy: ["https://example.org/agent"] },
        { type: "Organization", spdxId: "https://example.org/agent", creationInfo: "_:c", name: "Supplier" },
        { type: "software_Package", spdxId: "https://example.org/p/a", creationInfo: "_:c", name: "a", software_packageVersion: "1.0" },
        { type: "software_Package", spdxId: "https://example.org/p/b", creationInfo: "_:c", name: "b", software_packageVersion: "1.0" },
        { type: "software_Package", spdxId: "https://example.org/p/c", creationInfo: "_:c", name: "c", software_packageVersion: "1.0" },
        { type: "Relationship", spdxId: "https://example.org/r/1", creationInfo: "_:c", relationshipType: "hasConcludedLicense", from: "https://example.org/p/a", to: ["https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoAssertionLicense"] },
        { type: "Relationship", spdxId: "https://example.org/r/2", creationInfo: "_:c", relationshipType: "hasDeclaredLicense", from: "https://example.org/p/b", to: ["https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoneLicense"] },
        { type: "Relationship", spdxId: "https://example.org/r/3", creationInfo: "_:c", relationshipType: "hasDeclaredLicense", from: "https://example.org/p/c", to: ["https://spdx.org/licenses/MIT"] },
      ],
    };
    const r = await check(sbomFile(doc));
    expect(r.json.schema.count, JSON.stringify(r.json.schema.problems)).to.equal(0);
    expect(r.json.packages.map((p) => [p.name, p.status, p.findings.map((f) => f.code).join()])).to.deep.equal([
      ["a", "warning", "no-licence"],
      ["b", "warning", "no-licence"],
      ["c", "ok", ""],
    ]);
    expect(r.json.packages[0]?.findings[0]?.message).to.contain("(NOASSERTION)");
    expect(r.json.packages[1]?.findings[0]?.message).to.contain("(NONE)");
  });

  it("judges a deprecated id as its replacement, class, OSI/FSF views and the buyer's lists included", async () => {
    const catalogue = licenceCatalogue();
    const info = catalogue.info("GPL-2.0-with-classpath-exception");
    expect(info).to.deep.include({ deprecated: true, replacement: "GPL-2.0-only WITH Classpath-exception-2.0", judgedAs: "GPL-2.0-only", class: "weak-copyleft", osiApproved: true });
    expect(catalogue.info("BSD-2-Clause-FreeBSD")).to.deep.include({ class: "permissive", judgedAs: "BSD-2-Clause" });
    const strong = tender({ policy: "{ definition: [osi, fsf], allowedClasses: [permissive, weak-copyleft, strong-copyleft] }" });
    const r = await check(sbomFile(spdx23([pkg("old", "1.0", "GPL-2.0-with-classpath-exception"), pkg("new", "1.0", "GPL-2.0-only WITH Classpath-exception-2.0")])), strong);
    expect(r.json.packages.map((p) => p.status)).to.deep.equal(["warning", "ok"]);
    expect(r.json.packages[0]?.findings[0]?.message).to.equal("GPL-2.0-with-classpath-exception is a deprecated SPDX identifier (now GPL-2.0-only WITH Classpath-exception-2.0, as which it is judged)");
    // deny: [GPL-2.0-only] refuses its deprecated id GPL-2.0 too.
    const denied = await check(sbomFile(spdx23([pkg("old", "1.0", "GPL-2.0")])), tender({ policy: "{ definition: [osi], allowedClasses: [permissive, strong-copyleft], deny: [GPL-2.0-only] }" }));
    expect(denied.json.packages[0]?.findings.map((f) => f.code)).to.include("refused-denied");
  });

  it("fails acceptance when no component has a licence (the SBOM clause), and when the SBOM lists none", async () => {
    const r = await check(join(REAL, "cdx-1.4-guac-nested-rpm-maven.json"));
    expect(r.status).to.equal(1);
    expect(r.json.document.map((d) => d.code)).to.deep.equal(["no-licence-at-all"]);
    expect(r.json.document[0]?.message).to.contain("none of the 3 packages of the SBOM has a declared or concluded licence");
    const empty = await check(sbomFile(cyclonedx([])));
    expect(empty.status).to.equal(1);
    expect(empty.json.document.map((d) => d.code)).to.deep.equal(["no-packages"]);
  });
});

describe("versions compared in the ordering of their ecosystem", () => {
  it("compares Debian versions as dpkg does (cases checked with dpkg 1.21.22)", async () => {
    await prepareOrdering("deb");
    const dpkg: [string, string, number][] = [
      ["1:1.2.11", "1.2.11", 1], ["1:1.2.11", "2.0", 1], ["8:6.9.11", "7.0", 1], ["1.0~rc1", "1.0", -1], ["1.0", "1.0-0", 0], ["1.0-1", "1.0", 1], ["2:1.0", "10:0.1", -1],
      ["1.2.3+dfsg-1", "1.2.3-1", 1], ["1.2.3~", "1.2.3", -1], ["1.0a", "1.0", 1], ["1.0", "1.0+", -1], ["1.10", "1.9", 1], ["0:1.0", "1.0", 0], ["1.0-1ubuntu1", "1.0-1", 1],
      ["2.34-0.1ubuntu9.3", "2.34-0ubuntu3", 1], ["1:2.34", "2.35", 1], ["1.0~~", "1.0~", -1], ["1~a", "1", -1], ["1.2-3-4", "1.2-3", 1], ["10:1", "9:2", 1], ["1.01", "1.1", 0],
      ["1.001", "1.01", 0], ["7.0", "6.9.11", 1], ["1.0.0", "1.0", 1], ["1.0+b1", "1.0", 1], ["0.9", "1.0~alpha", -1], ["1.2.11.dfsg-2ubuntu9.2", "1.2.11", 1], ["2:8.2.3995-1ubuntu2.15", "8.2", 1],
    ];
    for (const [a, b, order] of dpkg) {
      const op = order < 0 ? "<" : order > 0 ? ">" : "=";
      expect(inRange(a, `${op}${b.includes(":") ? b : `0:${b}`}`, "deb"), `${a} ${op} ${b}`).to.equal(true);
    }
    // Bounds without an epoch name the upstream version.
    expect(inRange("1:1.2.11", ">=1.2.11", "deb")).to.equal(true);
    expect(inRange("1:1.2.11", ">=1.2.12", "deb")).to.equal(false);
    expect(inRange("8:6.9.11.60+dfsg-1.6", ">=7.0", "deb")).to.equal(false);
    expect(inRange("8:6.9.11.60+dfsg-1.6", ">=8:6.9", "deb")).to.equal(true);
  });

  it("compares RPM versions as rpmvercmp does (cases from rpm's test suite, checked with rpm 4.18)", () => {
    const rpm: [string, string, number][] = [
      ["1.0", "1.0", 0], ["1.0", "2.0", -1], ["2.0.1", "2.0", 1], ["2.0.1a", "2.0.1", 1], ["5.5p1", "5.5p2", -1], ["5.5p10", "5.5p1", 1], ["10xyz", "10.1xyz", -1],
      ["xyz10", "xyz10.1", -1], ["xyz.4", "8", -1], ["5.6p1", "6.5p1", -1], ["6.0.rc1", "6.0", 1], ["10b2", "10a1", 1], ["10a2", "10b2", -1], ["1.0aa", "1.0a", 1],
      ["10.0001", "10.1", 0], ["10.0001", "10.0039", -1], ["4.999.9", "5.0", -1], ["20101121", "20101122", -1], ["2_0", "2_0", 0], ["2.0", "2_0", 0], ["a+", "a_", 0],
      ["1.0~rc1", "1.0", -1], ["1.0~rc1", "1.0~rc2", -1], ["1.0~rc1~git123", "1.0~rc1", -1], ["1.0^", "1.0", 1], ["1.0^git1", "1.0^git2", -1], ["1.0^git1", "1.01", -1],
      ["1.0^20160101", "1.0.1", -1], ["1.0~rc1^git1", "1.0~rc1", 1], ["1.0^git1~pre", "1.0^git1", -1], ["1.0.2k", "1.0.2j", 1],
    ];
    for (const [a, b, order] of rpm) expect(rpmvercmp(a, b), `${a} vs ${b}`).to.equal(order);
    expect(compareRpm("1:1.0.2k-16.el7", "1.0.2k-19.el7")).to.equal(1);
    expect(compareRpm("1.0.2k-16.el7", "1.0.2k")).to.equal(0);
  });

  it("compares Maven and PEP 440 versions in their own order", () => {
    expect(inRange("2.13.4.Final", ">=2.13.4", "maven")).to.equal(true);
    expect(inRange("1.0-SNAPSHOT", ">=1.0", "maven")).to.equal(false);
    expect(inRange("0.3.0.M1", "<0.3.0", "maven")).to.equal(true);
    expect(inRange("1.19.5", ">=1.19,<2", "pep440")).to.equal(true);
    expect(inRange("2.0.0rc1", ">=1.0", "pep440")).to.equal(false);
    // PEP 440: ">1.0" excludes 1.0's post-releases, ">=1.0" admits them.
    expect(inRange("1.0.post1", ">1.0", "pep440")).to.equal(false);
    expect(inRange("1.0.post1", ">=1.0", "pep440")).to.equal(true);
    // semver for npm and the rest, as before.
    expect(inRange("6.1.0", ">=6.0", "semver")).to.equal(true);
  });

  it("checks a required component's version with the ordering its purl says (Debian and RPM epochs)", async () => {
    const components = `  - { name: zlib1g, purpose: Compression, license: Zlib, version: ">=1.2.11", orEquivalent: false, justification: Interoperability }
  - { name: imagemagick, purpose: Images, license: Apache-2.0, version: ">=7.0", orEquivalent: false, justification: Interoperability }
  - { name: openssl-libs, purpose: TLS, license: Apache-2.0, version: ">=1:1.0.2k", orEquivalent: false, justification: Interoperability }
  - { name: quarkus-core, purpose: Framework, license: Apache-2.0, version: ">=2.13.4", orEquivalent: false, justification: Interoperability }`;
    const doc = spdx23([
      pkg("zlib1g", "1:1.2.11.dfsg-2ubuntu9.2", "MIT", purlRef("pkg:deb/ubuntu/zlib1g@1%3A1.2.11.dfsg-2ubuntu9.2?arch=amd64")),
      pkg("imagemagick", "8:6.9.11.60+dfsg-1.6", "MIT", purlRef("pkg:deb/debian/imagemagick@8%3A6.9.11.60%2Bdfsg-1.6?arch=amd64")),
      pkg("quarkus-core", "2.13.4.Final", "Apache-2.0", purlRef("pkg:maven/io.quarkus/quarkus-core@2.13.4.Final")),
    ]);
    const r = await check(sbomFile(doc), tender({ components, policy: "{ definition: [osi, fsf], allowedClasses: [permissive, weak-copyleft, strong-copyleft] }" }));
    expect(r.json.components.map((c) => [c.requirement, c.status])).to.deep.equal([
      ["OSS-01.1", "ok"],
      ["OSS-01.2", "error"],
      ["OSS-01.3", "error"],
      ["OSS-01.4", "ok"],
    ]);
    expect(r.json.components[1]?.message).to.equal("imagemagick is in the SBOM in version 8:6.9.11.60+dfsg-1.6, outside the range the tender requires (>=7.0)");
    // RPM: the epoch given as the purl's qualifier (Trivy), and in the version (Trivy's SPDX).
    const rpm = `  - { name: openssl-libs, purpose: TLS, license: Apache-2.0, version: ">=1:1.0.2k", orEquivalent: false, justification: Interoperability }`;
    for (const file of ["cdx-1.5-trivy-centos7-rpm-epoch.json", "spdx-2.2-trivy-centos7.json"]) {
      const trivy = await check(join(REAL, file), tender({ components: rpm }));
      expect(trivy.json.components[0], file).to.include({ status: "ok" });
      const later = await check(join(REAL, file), tender({ components: rpm.replace(">=1:1.0.2k", ">=1:1.0.2l") }));
      expect(later.json.components[0], file).to.include({ status: "error" });
      const epochTwo = await check(join(REAL, file), tender({ components: rpm.replace(">=1:1.0.2k", ">=2:1.0") }));
      expect(epochTwo.json.components[0], file).to.include({ status: "error" });
    }
  });
});

describe("check-sbom at field scale: linear checks, bounded reports", () => {
  it("finds duplicates as the schema's uniqueItems does, by hashing (items in any key order)", () => {
    const base = { type: "library", name: "a", version: "1.0", licenses: [{ license: { id: "MIT" } }] };
    const reordered = { version: "1.0", licenses: [{ license: { id: "MIT" } }], name: "a", type: "library" };
    const dup = checkSbomSchema("cyclonedx-1.6", cyclonedx([base, { ...base, name: "b" }, reordered]));
    expect(dup.count).to.equal(1);
    expect(dup.problems[0]).to.deep.include({ where: "components", keyword: "unique", params: { first: 0, second: 2 } });
    expect(checkSbomSchema("cyclonedx-1.6", cyclonedx([base, { ...base, name: "b" }])).count).to.equal(0);
    // The same verdicts as ajv's own uniqueItems on the official schema.
    const require = createRequire(import.meta.url);
    const dir = join(require.resolve("@cyclonedx/cyclonedx-library/package.json"), "..", "res", "schema");
    const read = (name: string): object => JSON.parse(readFileSync(join(dir, name), "utf8")) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false, schemas: { "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json": read("spdx.SNAPSHOT.schema.json"), "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json": read("jsf-0.82.SNAPSHOT.schema.json") } });
    const official = ajv.compile(read("bom-1.6.SNAPSHOT.schema.json"));
    for (const components of [[base, reordered], [base, { ...base, name: "b" }], [base, { ...base, hashes: [{ alg: "SHA-256", content: "a".repeat(64) }, { alg: "SHA-256", content: "a".repeat(64) }] }]]) {
      const doc = cyclonedx(components);
      const ours = checkSbomSchema("cyclonedx-1.6", doc);
      official(doc);
      const theirs = (official.errors ?? []).filter((e) => e.keyword === "uniqueItems").map((e) => e.instancePath.replace(/^\//, "").replace(/\/(\d+)/g, "[$1]").replace(/\//g, "."));
      expect(ours.problems.filter((p) => p.keyword === "unique").map((p) => p.where)).to.deep.equal(theirs);
    }
  });

  it("checks SPDX 3 element by element: names the element (index, type, spdxId) and the property, one problem per element", async () => {
    const graph: unknown[] = [{ type: "CreationInfo", "@id": "_:c", specVersion: "3.0.1", created: "2026-11-30T12:00:00Z", createdBy: ["https://example.org/agent"] }];
    for (let i = 0; i < 200; i++) graph.push({ type: "software_Package", spdxId: `https://example.org/p/${i}`, creationInfo: "_:c", name: `p${i}`, software_packageVersion: i % 50 === 7 ? 7 : "1.0" });
    graph.push({ type: "software_Package", spdxId: "https://example.org/p/extra", creationInfo: "_:c", name: "extra", notAProperty: true });
    graph.push({ type: "NotAClass", spdxId: "https://example.org/x" });
    const r = await check(sbomFile({ "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph }));
    expect(r.json.schema.count).to.equal(6);
    const messages = r.json.schema.problems.map((p) => p.message);
    expect(messages[0]).to.equal("@graph[8] (software_Package https://example.org/p/7): software_packageVersion: must be of JSON type string");
    expect(messages).to.include("@graph[201] (software_Package https://example.org/p/extra): the property “notAProperty” is not allowed here");
    expect(messages[5]).to.match(/^@graph\[202\] \(NotAClass https:\/\/example\.org\/x\)/);
    // The shape that took the old check a minute and gigabytes: an inline CreationInfo whose creator lacks its id.
    const nested = Array.from({ length: 3 }, (_, i) => ({ type: "software_Package", spdxId: `https://example.org/n/${i}`, creationInfo: { type: "CreationInfo", specVersion: "3.0.1", created: "2026-11-30T12:00:00Z", createdBy: [{ type: "Person", name: "x" }] }, name: `n${i}` }));
    const n = checkSbomSchema("spdx-3.0", { "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": nested });
    expect(n.count).to.equal(3);
    expect(n.problems.map((p) => p.where)).to.deep.equal([0, 1, 2].map((i) => `@graph[${i}] (software_Package https://example.org/n/${i}): creationInfo.createdBy[0]`));
    expect(n.problems[0]).to.deep.include({ keyword: "required", params: { property: "spdxId" } });
    // Never a property of an unrelated class.
    expect(messages.join("\n"), messages.join("\n")).not.to.contain("ai_energy");
  });

  it("counts schema problems in full and lists the first hundred", async () => {
    const packages = Array.from({ length: 150 }, (_, i) => {
      const p = pkg(`p${i}`, "1.0", "MIT") as Record<string, unknown>;
      delete p["downloadLocation"];
      return p;
    });
    const r = await check(sbomFile(spdx23(packages)));
    expect(r.json.schema.count).to.equal(150);
    expect(r.json.schema.problems).to.have.length(100);
    const count = r.json.document.find((d) => d.code === "schema-count");
    expect(count?.message).to.equal("150 problems against the official SPDX 2.3.1 JSON Schema in all; the first 100 are listed");
  });

  it("checks SPDX 2.3 against the latest 2.3.x schema (2.3.1)", async () => {
    // OPERATING-SYSTEM is the 2.3.1 spelling; the 2.3 release schema refused it.
    const ok = await check(sbomFile(spdx23([pkg("os", "1.0", "MIT", { primaryPackagePurpose: "OPERATING-SYSTEM" })])));
    expect(ok.json.schema.count).to.equal(0);
    // 2.3.1 requires UTC dates.
    const bad = await check(sbomFile(spdx23([pkg("os", "1.0", "MIT")], { creationInfo: { created: "2026-11-30 12:00", creators: ["Tool: t"] } })));
    expect(bad.json.schema.problems.map((p) => p.message)).to.deep.equal(["creationInfo.created: “2026-11-30 12:00” does not have the required form (^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]|23:59:60)Z$)"]);
  });

  /** A check of `n` packages, made in memory (no SBOM of that size is written or read here). */
  function largeCheck(n: number): SbomCheck {
    const base = { kind: "package" as const, version: "1.0", purl: null, licenceSource: "concluded" as const };
    const packages: PackageResult[] = [];
    const refused = { severity: "error" as const, requirement: "OSS-05", code: "refused-class-not-allowed", params: { licence: "GPL-3.0-only", id: "GPL-3.0-only", class: "strong-copyleft" } };
    const none = { severity: "warning" as const, requirement: "OSS-09", code: "no-licence", params: { absent: "missing" } };
    for (let i = 0; i < n; i++) {
      const kind = i % 10;
      if (kind === 0) packages.push({ package: { ...base, name: `gpl-${i}`, ref: `r${i}`, licences: [{ text: "GPL-3.0-only", form: "expression" }], licence: "GPL-3.0-only" }, status: "error", findings: [refused] });
      else if (kind === 1) packages.push({ package: { ...base, name: `none-${i}\tx`, ref: `r${i}`, licences: [], licence: null, licenceSource: "none" }, status: "warning", findings: [none] });
      else packages.push({ package: { ...base, name: `ok-${i}`, ref: `r${i}`, licences: [{ text: "MIT", form: "expression" }], licence: "MIT" }, status: "ok", findings: [] });
    }
    const errors = n / 10;
    return {
      format: "cyclonedx-1.6",
      schema: { against: { kind: "official", format: "CycloneDX", version: "1.6" }, problems: [], count: 0 },
      document: [],
      packages,
      components: [],
      licenceRefs: new Map(),
      kinds: [
        { code: refused.code, severity: "error", requirement: "OSS-05", count: errors, example: refused },
        { code: none.code, severity: "warning", requirement: "OSS-09", count: n / 10, example: none },
      ],
      counts: { packages: { ok: n - 2 * errors, warning: n / 10, error: errors }, files: { ok: 0, warning: 0, error: 0 }, components: { ok: 0, warning: 0, error: 0 }, withoutLicence: n / 10, errors },
    };
  }

  it("keeps the text report bounded past 130,000 packages (the stack overflowed there): problem packages up to a cap, then counts by kind", () => {
    const t = messages("en");
    const text = sbomText("big.json", largeCheck(200_000), t);
    const lines = text.split("\n");
    expect(lines.length).to.be.below(260);
    expect(text).to.contain("39,800 more packages with findings and 160,000 packages without findings are not listed here; --json lists every one.");
    expect(text).to.contain("Findings by kind:");
    expect(text).to.contain("ERROR         OSS-05  20,000 packages, for example gpl-0@1.0: GPL-3.0-only: GPL-3.0-only is strong copyleft, not among the classes the tender accepts");
    // Errors are listed first; a tab in a name is made visible.
    expect(lines.filter((l) => l.startsWith("ERROR "))).to.have.length.above(190);
    expect(messages("fr")).to.be.ok;
  });

  it("keeps the Word report bounded: 200,000 packages give a small document with the verdict", async () => {
    const answers = validateAnswersText("t.yaml", readFileSync(join(ROOT, "test", "fixtures", "sbom", "tender.yaml"), "utf8")).answers!;
    const t = messages("en");
    const docx = await packDocx(sbomReportDocument("big.json", largeCheck(200_000), answers, t), { title: "t" }, null);
    expect(docx.bytes.length).to.be.below(400_000);
    const content = readDocx(docx.bytes);
    expect(content.text).to.contain("The delivery does not meet the tender's requirements.");
    expect(content.text).to.contain("39,500 more packages with findings and 160,000 packages without findings are not listed in this report");
    const packageTable = content.tables[content.tables.length - 1]!;
    expect(packageTable.length).to.equal(REPORT_CAP + 1);
  });
});

describe("hostile SBOM input", () => {
  it("makes control and escape characters visible on the terminal and never lets a name stop the Word report", async () => {
    const names = ["tab\tname", "nonchar\uFFFEname", "lone\uD800surrogate", "escape\u001b[31mred", "rtl\u202Eevil", "line\nbreak"];
    const file = sbomFile(cyclonedx(names.map((name, i) => ({ type: "library", name, version: "1.0", "bom-ref": `r${i}`, licenses: [{ license: { id: i === 0 ? "GPL-3.0-only" : "MIT" } }] }))));
    const text = await runMain(["check-sbom", file, "--against", tender()]);
    expect(text.status).to.equal(1);
    for (const shown of ["tab\\x09name", "nonchar\\ufffename", "lone\\ud800surrogate", "escape\\x1b[31mred", "rtl\\u202eevil", "line\\x0abreak"]) expect(text.stdout).to.contain(shown);
    expect(text.stdout).not.to.match(/[\u001b\uFFFE\u202E]/);
    const out = join(tempDir(), "report.docx");
    const word = await runMain(["check-sbom", file, "--against", tender(), "-o", out]);
    expect(word.status, word.stderr).to.equal(1);
    const content = readDocx(readFileSync(out));
    expect(content.text).to.contain("The delivery does not meet the tender's requirements.");
    const cells = content.tables.flat(2).join("\n");
    for (const shown of ["tab\\x09name", "nonchar\\ufffename", "lone\\ud800surrogate", "escape\\x1b[31mred"]) expect(cells).to.contain(shown);
  });

  it("accepts a UTF-8 byte order mark", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(ROOT, "test", "fixtures", "sbom", "good-spdx-2.3.json"))]);
    const r = await check(sbomFile(bytes));
    expect(r.status, r.stderr).to.equal(0);
    expect(r.json.format).to.equal("spdx-2.3");
  });

  it("refuses invalid UTF-8 with the offset of the first bad byte, instead of replacing it", async () => {
    const text = JSON.stringify(cyclonedx([{ type: "library", name: "caf\u00e9", version: "1.0" }]));
    const bytes = Buffer.from(text, "utf8");
    const at = bytes.indexOf(0xc3);
    bytes[at] = 0xff; // a byte UTF-8 never uses, where é begins
    bytes[at + 1] = 0x41;
    const r = await runMain(["check-sbom", sbomFile(bytes), "--against", tender()]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain(`is not valid UTF-8 text (the first invalid byte is at offset ${at})`);
    expect(r.stdout).to.equal("");
  });

  it("refuses a key given twice in one object, naming the key and its line", async () => {
    const text = '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "version": 1,\n  "components": [\n    { "type": "library", "name": "a", "version": "1.0",\n      "licenses": [{ "license": { "id": "MIT" } }],\n      "licenses": [{ "license": { "id": "GPL-3.0-only" } }] }\n  ]\n}\n';
    const r = await runMain(["check-sbom", sbomFile(text), "--against", tender()]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain("gives the key “licenses” twice in one object (line 8, column 7)");
    // In French too.
    const fr = await runMain(["check-sbom", sbomFile(text), "--against", tender({ language: "fr" })]);
    expect(fr.stderr.replace(/[\u00a0\u202f]/g, " ")).to.contain("donne deux fois la clé « licenses » dans un même objet (ligne 8, colonne 7)");
  });

  it("refuses nesting deeper than the bound before anything walks it, and says where", async () => {
    let component: Record<string, unknown> = { type: "library", name: "leaf", version: "1" };
    for (let i = 0; i < 100; i++) component = { type: "library", name: `level-${i}`, version: "1", components: [component] };
    const r = await runMain(["check-sbom", sbomFile(cyclonedx([component])), "--against", tender()]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/nests objects or lists more than 128 levels deep \(line \d+, column \d+\)/);
    // Nested components within the bound are read (iteratively), every one of them.
    let shallow: Record<string, unknown> = { type: "library", name: "leaf", version: "1", licenses: [{ license: { id: "MIT" } }] };
    for (let i = 0; i < 30; i++) shallow = { type: "library", name: `level-${i}`, version: "1", licenses: [{ license: { id: "MIT" } }], components: [shallow] };
    const ok = await check(sbomFile(cyclonedx([shallow])));
    expect(ok.json.packages).to.have.length(31);
    expect(ok.status).to.equal(0);
  });

  it("refuses a licence expression too long or too deeply bracketed to parse safely, quoting it cut short", async () => {
    const deep = `${"(".repeat(50_000)}MIT${")".repeat(50_000)}`;
    const long = Array.from({ length: 5000 }, () => "MIT").join(" AND ");
    const r = await check(sbomFile(cyclonedx([{ type: "library", name: "deep", version: "1", licenses: [{ expression: deep }] }, { type: "library", name: "long", version: "1", licenses: [{ expression: long }] }])));
    expect(r.json.packages.map((p) => p.findings.map((f) => f.code))).to.deep.equal([["licence-too-complex"], ["licence-too-complex"]]);
    expect(r.json.packages[0]?.findings[0]?.message.length).to.be.below(400);
    // The JSON report keeps the licence whole.
    expect(r.json.packages[0]?.licence).to.have.length(deep.length);
  });

  it("says what is wrong with broken JSON in the person's language", async () => {
    const r = await runMain(["check-sbom", sbomFile('{\n  "bomFormat": "CycloneDX",\n  "specVersion" "1.6"\n}'), "--against", tender({ language: "fr" })]);
    expect(r.status).to.equal(2);
    expect(r.stderr.replace(/[\u00a0\u202f]/g, " ")).to.contain("n’est pas un JSON valide (ligne 3, colonne 17) : deux-points étaient attendus");
  });
});

describe("export-policy for ORT against ORT's schema and check-sbom's verdicts", () => {
  it("writes a license-classifications.yml valid against ORT's schema, with every licence check-sbom refuses in tender-refused and every one it accepts in tender-accepted", async () => {
    const answers = tender({
      components: "  - { name: Java lib, purpose: A need, license: GPL-2.0-only WITH Classpath-exception-2.0, justification: Interoperability }",
      policy: "{ definition: [osi], allowedClasses: [permissive, weak-copyleft], allow: [GPL-3.0-only, GPL-2.0-only], deny: [MIT] }",
    });
    const ort = await runMain(["export-policy", answers, "--format", "ort"]);
    expect(ort.status).to.equal(0);
    const doc = parseYaml(ort.stdout) as { categories: { name: string }[]; categorizations: { id: string; categories: string[] }[] };
    const schema = JSON.parse(readFileSync(join(ROOT, "test", "schemas", "ort", "license-classifications.schema.json"), "utf8")) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).to.equal(true);
    const names = new Set(doc.categories.map((c) => c.name));
    for (const c of doc.categorizations) for (const category of c.categories) expect(names.has(category), category).to.equal(true);
    // An SBOM with one package per licence exported: check-sbom's verdict on each against ORT's category.
    const ids = doc.categorizations.map((c) => c.id);
    expect(ids).to.include("GPL-2.0-only WITH Classpath-exception-2.0").and.to.include("GPL-2.0-with-classpath-exception");
    const sbom = sbomFile(spdx23(ids.map((id, i) => pkg(`p${i}`, "1.0", id))));
    const r = await check(sbom, answers);
    expect(r.json.packages).to.have.length(ids.length);
    let accepted = 0;
    r.json.packages.forEach((p, i) => {
      const refused = p.findings.some((f) => f.severity === "error");
      const category = doc.categorizations[i]!.categories.find((c) => c.startsWith("tender-"));
      expect(category, `${ids[i]!}: ${p.findings.map((f) => f.message).join("; ")}`).to.equal(refused ? "tender-refused" : "tender-accepted");
      if (!refused) accepted++;
    });
    expect(accepted).to.be.above(50);
    expect(doc.categorizations.find((c) => c.id === "MIT")?.categories).to.include("tender-refused");
    expect(doc.categorizations.find((c) => c.id === "GPL-3.0-only")?.categories).to.include("tender-accepted");
  });
});

describe("SPDX 3 schema checks stop early", () => {
  it("checks an element of an unknown type against every class, stopping at its first problem", () => {
    const r = checkSbomSchema("spdx-3.0", { "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [{ type: "Mystery", spdxId: "https://example.org/m", foo: 1 }] });
    expect(r.count).to.equal(1);
    expect(r.problems[0]).to.deep.include({ where: "@graph[0] (Mystery https://example.org/m): type", keyword: "enum" });
    // A type that is an IRI (an extension class) is checked against every class, stopping at the first problem.
    const iri = checkSbomSchema("spdx-3.0", { "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [{ type: "https://example.org/ext/Thing", spdxId: "https://example.org/m", foo: 1 }] });
    expect(iri.count).to.equal(1);
  });
});
