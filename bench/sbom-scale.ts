/**
 * check-sbom at field scale (issue 12): generated SBOMs the size real deliveries reach — a 50,000-component
 * CycloneDX 1.6, a 50,000-package SPDX 2.3 and a 10,000-element SPDX 3.0 document, each valid and in an
 * invalid variant — each checked by a whole `clausier check-sbom` run in a child process, whose CPU time
 * and peak memory bench/measure.mjs records from inside it. Targets: each run ≤ 5 s CPU and ≤ 1 GB.
 *
 * Run alone: node --import tsx/esm -e 'const {sbomScale}=await import("./bench/sbom-scale.ts"); await sbomScale(process.argv[1] ?? "/tmp", console.log)'
 * (after npm run build); bench/bench.ts runs it as part 4.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "clausier.js");
const MEASURE = join(ROOT, "bench", "measure.mjs");

const LICENCES = ["MIT", "Apache-2.0", "BSD-3-Clause", "MPL-2.0", "ISC", "LGPL-2.1-only", "GPL-3.0-only", "EPL-2.0"];
const TYPES = ["npm", "deb", "rpm", "maven", "pypi"] as const;

function purl(i: number): { purl: string; version: string; name: string } {
  const type = TYPES[i % TYPES.length]!;
  const name = `package-${i}`;
  switch (type) {
    case "deb":
      return { name, version: `1:${i % 7}.${i % 13}.${i % 5}-${i % 3}`, purl: `pkg:deb/debian/${name}@1%3A${i % 7}.${i % 13}.${i % 5}-${i % 3}?arch=amd64` };
    case "rpm":
      return { name, version: `${i % 7}.${i % 13}-${i % 4}.el9`, purl: `pkg:rpm/redhat/${name}@${i % 7}.${i % 13}-${i % 4}.el9?arch=x86_64&epoch=${i % 3}` };
    case "maven":
      return { name, version: `${i % 7}.${i % 13}.${i % 5}.Final`, purl: `pkg:maven/org.example/${name}@${i % 7}.${i % 13}.${i % 5}.Final` };
    case "pypi":
      return { name, version: `${i % 7}.${i % 13}.post${i % 3}`, purl: `pkg:pypi/${name}@${i % 7}.${i % 13}.post${i % 3}` };
    default:
      return { name, version: `${i % 7}.${i % 13}.${i % 5}`, purl: `pkg:npm/${name}@${i % 7}.${i % 13}.${i % 5}` };
  }
}

const sha = (i: number): string => (i.toString(16).padStart(8, "0").repeat(8)).slice(0, 64);

function cyclonedx(n: number, invalid: boolean): unknown {
  const components = Array.from({ length: n }, (_, i) => {
    const p = purl(i);
    return {
      type: invalid && i % 5000 === 1 ? "gadget" : "library",
      "bom-ref": `ref-${i}`,
      name: p.name,
      version: p.version,
      purl: p.purl,
      licenses: i % 10 === 0 ? [{ expression: `${LICENCES[i % LICENCES.length]} OR MIT` }] : [{ license: { id: LICENCES[i % LICENCES.length] } }],
      hashes: [{ alg: "SHA-256", content: sha(i) }],
    };
  });
  // A duplicate component: the schema's uniqueItems must find it.
  if (invalid) components.push(structuredClone(components[n - 1]!));
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
    version: 1,
    metadata: { timestamp: "2026-11-30T12:00:00Z", component: { type: "application", name: "delivery", version: "1.0.0" } },
    components,
  };
}

function spdx2(n: number, invalid: boolean): unknown {
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: "delivery",
    documentNamespace: "https://example.org/spdx/delivery-1.0",
    creationInfo: { created: "2026-11-30T12:00:00Z", creators: ["Tool: bench"] },
    packages: Array.from({ length: n }, (_, i) => {
      const p = purl(i);
      const pkg: Record<string, unknown> = {
        SPDXID: `SPDXRef-Package-${i}`,
        name: p.name,
        versionInfo: p.version,
        downloadLocation: "NOASSERTION",
        licenseConcluded: LICENCES[i % LICENCES.length],
        licenseDeclared: i % 10 === 0 ? "NOASSERTION" : LICENCES[i % LICENCES.length],
        copyrightText: "NOASSERTION",
        externalRefs: [{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: p.purl }],
      };
      if (invalid && i % 10 === 3) delete pkg["downloadLocation"];
      return pkg;
    }),
  };
}

function spdx3(n: number, invalid: "none" | "some" | "all"): unknown {
  const graph: Record<string, unknown>[] = [
    { type: "CreationInfo", "@id": "_:creation", specVersion: "3.0.1", created: "2026-11-30T12:00:00Z", createdBy: ["https://example.org/spdx/agent"] },
    { type: "Organization", spdxId: "https://example.org/spdx/agent", creationInfo: "_:creation", name: "Supplier" },
    { type: "SpdxDocument", spdxId: "https://example.org/spdx/doc", creationInfo: "_:creation", rootElement: ["https://example.org/spdx/pkg-0"] },
  ];
  for (const licence of LICENCES) {
    graph.push({ type: "simplelicensing_LicenseExpression", spdxId: `https://example.org/spdx/licence/${licence}`, creationInfo: "_:creation", simplelicensing_licenseExpression: licence });
  }
  // Packages and their licence relationships: n elements in all.
  for (let i = 0; graph.length < n; i++) {
    const p = purl(i);
    const id = `https://example.org/spdx/pkg-${i}`;
    const wrong = invalid === "all" || (invalid === "some" && i % 1000 === 7);
    // "all": the shape that took the old check minutes and gigabytes (ajv's errors for every class of the
    // anyOf, for every element): an inline CreationInfo whose creator lacks its spdxId, a mistyped purpose.
    const creationInfo = invalid === "all" ? { type: "CreationInfo", specVersion: "3.0.1", created: "2026-11-30T12:00:00Z", createdBy: [{ type: "Person", name: "someone" }] } : "_:creation";
    graph.push({ type: "software_Package", spdxId: id, creationInfo, name: p.name, software_packageVersion: wrong && invalid === "some" ? 7 : p.version, software_packageUrl: p.purl, ...(invalid === "all" ? { software_primaryPurpose: "librarry" } : {}) });
    graph.push({ type: "Relationship", spdxId: `${id}/concluded`, creationInfo: "_:creation", relationshipType: "hasConcludedLicense", from: id, to: [`https://example.org/spdx/licence/${LICENCES[i % LICENCES.length]}`] });
  }
  return { "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph };
}

const TENDER = `schemaVersion: 1
tender: { title: Field-scale delivery, reference: BENCH-SBOM, buyer: Bench, language: en, issueDate: 2026-12-01 }
components:
  - { name: package-1, purpose: A Debian package, license: MIT, version: ">=1:1.0", orEquivalent: false, justification: Interoperability }
  - { name: package-2, purpose: An RPM package, license: MIT, version: ">=2.0", orEquivalent: false, justification: Interoperability }
licensePolicy: { definition: [osi, fsf], allowedClasses: [permissive, weak-copyleft] }
compliance:
  openChain: true
  evidence: self-certification
  sbom: { required: true, formats: [cyclonedx-1.6, spdx-2.3, spdx-3.0] }
`;

interface Measured {
  readonly cpuMs: number;
  readonly peakMiB: number;
  readonly wallMs: number;
  readonly status: number | null;
}

function measure(work: string, args: readonly string[]): Measured {
  const file = join(work, `measure-${Math.random().toString(36).slice(2)}.json`);
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--import", MEASURE, BIN, ...args], { env: { ...process.env, BENCH_MEASURE: file }, encoding: "utf8", maxBuffer: 1 << 30 });
  const wallMs = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) throw new Error(`clausier ${args.join(" ")} failed (exit ${String(r.status)}): ${r.stderr.slice(0, 2000)}`);
  const { cpuMicros, maxRssKiB } = JSON.parse(readFileSync(file, "utf8")) as { cpuMicros: number; maxRssKiB: number };
  return { cpuMs: cpuMicros / 1000, peakMiB: maxRssKiB / 1024, wallMs, status: r.status };
}

export async function sbomScale(work: string, say: (line?: string) => void): Promise<void> {
  const dir = mkdtempSync(join(work, "sbom-scale-"));
  const tender = join(dir, "tender.yaml");
  writeFileSync(tender, TENDER);
  const cases: { name: string; file: string; args: string[] }[] = [];
  const write = (name: string, data: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(data, null, 1));
    return file;
  };
  const cdx = write("cyclonedx-1.6-50k.json", cyclonedx(50_000, false));
  const cdxBad = write("cyclonedx-1.6-50k-invalid.json", cyclonedx(50_000, true));
  const spdx23 = write("spdx-2.3-50k.json", spdx2(50_000, false));
  const spdx23Bad = write("spdx-2.3-50k-invalid.json", spdx2(50_000, true));
  const spdx30 = write("spdx-3.0-10k.json", spdx3(10_000, "none"));
  const spdx30Bad = write("spdx-3.0-10k-invalid.json", spdx3(10_000, "some"));
  const spdx30AllBad = write("spdx-3.0-10k-all-invalid.json", spdx3(10_000, "all"));
  cases.push(
    { name: "CycloneDX 1.6, 50,000 components", file: cdx, args: [] },
    { name: "  the same, --json", file: cdx, args: ["--json"] },
    { name: "  the same, -o report.docx", file: cdx, args: ["-o", join(dir, "report.docx"), "--force"] },
    { name: "CycloneDX 1.6, 50,000 components, invalid (a duplicate, bad types)", file: cdxBad, args: [] },
    { name: "SPDX 2.3, 50,000 packages", file: spdx23, args: [] },
    { name: "SPDX 2.3, 50,000 packages, invalid (5,000 without downloadLocation)", file: spdx23Bad, args: [] },
    { name: "  the same, -o report.docx", file: spdx23Bad, args: ["-o", join(dir, "report-spdx.docx"), "--force"] },
    { name: "SPDX 3.0, 10,000 elements", file: spdx30, args: [] },
    { name: "SPDX 3.0, 10,000 elements, invalid (5 wrong versions)", file: spdx30Bad, args: [] },
    { name: "SPDX 3.0, 10,000 elements, every package invalid (5,000 problems, nested)", file: spdx30AllBad, args: [] },
  );
  say("### 4. check-sbom at field scale: whole process, one run each");
  say();
  say("| SBOM | size | exit | CPU time | peak memory | wall time | target ≤ 5 s CPU, ≤ 1 GB |");
  say("|---|---|---|---|---|---|---|");
  let worstCpu = 0;
  let worstMem = 0;
  for (const c of cases) {
    const m = measure(dir, ["check-sbom", c.file, "--against", tender, ...c.args]);
    worstCpu = Math.max(worstCpu, m.cpuMs);
    worstMem = Math.max(worstMem, m.peakMiB);
    const met = m.cpuMs <= 5000 && m.peakMiB * 1.048576 <= 1000;
    say(`| ${c.name} | ${(statSync(c.file).size / 2 ** 20).toFixed(1)} MiB | ${String(m.status)} | ${(m.cpuMs / 1000).toFixed(2)} s | ${m.peakMiB.toFixed(0)} MiB | ${(m.wallMs / 1000).toFixed(2)} s | ${met ? "met" : "**missed**"} |`);
  }
  say();
  say(`Largest: **${(worstCpu / 1000).toFixed(2)} s CPU**, **${worstMem.toFixed(0)} MiB** (targets ≤ 5 s, ≤ 1 GB).`);
  say();
  rmSync(dir, { recursive: true, force: true });
}
