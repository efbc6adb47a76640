import { expect } from "chai";
import { createRequire } from "node:module";
import { classRows, licenceCatalogue, LICENCE_CLASSES } from "../src/licences/catalogue.js";
import { parseLicence, suggestIdentifier } from "../src/licences/expression.js";
import { judge, type LicencePolicy } from "../src/licences/policy.js";

const require = createRequire(import.meta.url);
const catalogue = licenceCatalogue();

function verdict(expression: string, policy: Partial<LicencePolicy> = {}) {
  const parsed = parseLicence(expression, catalogue);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  return judge(parsed.tree, { definition: ["osi", "fsf"], allowedClasses: ["permissive", "weak-copyleft"], allow: [], deny: [], ...policy }, catalogue);
}

describe("licence catalogue", () => {
  it("has every row of the classification table in the SPDX licence list, once, with a known family and a source", () => {
    const seen = new Set<string>();
    for (const row of classRows()) {
      expect(catalogue.isLicence(row.id), row.id).to.equal(true);
      expect(seen.has(row.id), `${row.id} twice`).to.equal(false);
      seen.add(row.id);
      expect(["weak", "strong", "network", "maximal", "permissive"]).to.include(row.family);
      expect(row.source.length, row.id).to.be.greaterThan(10);
    }
  });

  it("does not classify a licence of the Blue Oak permissive list again", () => {
    const blueOak = new Set((require("@blueoak/list") as { licenses: { id: string }[] }[]).flatMap((r) => r.licenses.map((l) => l.id)));
    for (const row of classRows()) expect(blueOak.has(row.id), row.id).to.equal(false);
  });

  it("flags deprecated identifiers in the table and names their replacement", () => {
    for (const row of classRows()) {
      const info = catalogue.info(row.id);
      if (info?.deprecated) expect(info.replacement, row.id).to.be.a("string");
    }
    expect(catalogue.info("GPL-2.0")).to.include({ deprecated: true, replacement: "GPL-2.0-only" });
  });

  it("knows the classes of common licences", () => {
    const cls = (id: string) => catalogue.info(id)?.class;
    expect(cls("MIT")).to.equal("permissive");
    expect(cls("Apache-2.0")).to.equal("permissive");
    expect(cls("MPL-2.0")).to.equal("weak-copyleft");
    expect(cls("LGPL-2.1-or-later")).to.equal("weak-copyleft");
    expect(cls("GPL-3.0-only")).to.equal("strong-copyleft");
    expect(cls("AGPL-3.0-or-later")).to.equal("network-copyleft");
    expect(cls("RPL-1.5")).to.equal("network-copyleft");
    expect(LICENCE_CLASSES).to.have.length(4);
  });

  it("treats a missing FSF view as no opinion, not as a refusal", () => {
    const zeroBsd = catalogue.info("0BSD");
    expect(zeroBsd?.fsfLibre).to.equal(undefined);
    expect(zeroBsd?.osiApproved).to.equal(true);
    expect(catalogue.info("APSL-1.0")?.fsfLibre).to.equal(false);
    expect(catalogue.info("Apache-2.0")?.fsfLibre).to.equal(true);
  });
});

describe("licence expressions", () => {
  it("parses OR, AND, WITH and brackets", () => {
    const parsed = parseLicence("MIT OR (Apache-2.0 AND BSD-3-Clause)", catalogue);
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) expect(parsed.leaves.map((l) => l.license)).to.deep.equal(["MIT", "Apache-2.0", "BSD-3-Clause"]);
    const withException = parseLicence("GPL-2.0-only WITH Classpath-exception-2.0", catalogue);
    expect(withException.ok && withException.leaves[0]?.exception).to.equal("Classpath-exception-2.0");
  });

  it("suggests the corrected identifier for common mistakes", () => {
    const cases: [string, string][] = [
      ["Apache 2", "Apache-2.0"],
      ["mit", "MIT"],
      ["EUPL 1.2", "EUPL-1.2"],
      ["MPL2", "MPL-2.0"],
      ["Apach-2.0", "Apache-2.0"],
    ];
    for (const [typed, expected] of cases) {
      const parsed = parseLicence(typed, catalogue);
      expect(parsed.ok, typed).to.equal(false);
      if (!parsed.ok) expect(parsed.suggestion, typed).to.equal(expected);
    }
    expect(suggestIdentifier("GPL-3.0-onyl", catalogue)).to.equal("GPL-3.0-only");
  });

  it("accepts lower-case operators, as spdx-expression-parse does", () => {
    const parsed = parseLicence("MIT or Apache-2.0", catalogue);
    expect(parsed.ok && parsed.leaves.map((l) => l.license)).to.deep.equal(["MIT", "Apache-2.0"]);
  });

  it("corrects an expression identifier by identifier", () => {
    const parsed = parseLicence("MIT OR Apache 2.0", catalogue);
    expect(parsed.ok).to.equal(false);
    if (!parsed.ok) expect(parsed.suggestion).to.equal("MIT OR Apache-2.0");
  });

  it("offers no suggestion for text that is not a licence", () => {
    const parsed = parseLicence("our own terms", catalogue);
    expect(parsed.ok).to.equal(false);
  });
});

describe("licence policy", () => {
  it("accepts a licence of an allowed class and refuses one of another class", () => {
    expect(verdict("MPL-2.0").accepted).to.equal(true);
    const gpl = verdict("GPL-3.0-only");
    expect(gpl.accepted).to.equal(false);
    expect(gpl.leaves[0]?.outcome).to.equal("class-not-allowed");
  });

  it("accepts OR when one branch is acceptable, AND only when all are", () => {
    expect(verdict("GPL-3.0-only OR MIT").accepted).to.equal(true);
    expect(verdict("GPL-3.0-only AND MIT").accepted).to.equal(false);
    expect(verdict("MIT AND (GPL-2.0-only OR Apache-2.0)").accepted).to.equal(true);
  });

  it("judges X WITH exception by the class of X, but a linking exception makes strong copyleft weak", () => {
    // Classpath (OpenJDK) and the GCC runtime exception limit the copyleft to the library itself.
    expect(verdict("GPL-2.0-only WITH Classpath-exception-2.0").accepted).to.equal(true);
    expect(verdict("GPL-3.0-or-later WITH GCC-exception-3.1").leaves[0]?.info?.class).to.equal("weak-copyleft");
    expect(verdict("GPL-2.0-only WITH Classpath-exception-2.0", { allowedClasses: ["permissive"] }).accepted).to.equal(false);
    // Other exceptions leave the class as it is.
    expect(verdict("GPL-3.0-only WITH Autoconf-exception-3.0").accepted).to.equal(false);
    expect(verdict("GPL-3.0-only WITH Autoconf-exception-3.0", { allowedClasses: ["strong-copyleft"] }).accepted).to.equal(true);
  });

  it("lets deny beat everything, allow beat the class but not the open source test", () => {
    expect(verdict("MIT", { deny: ["MIT"] }).leaves[0]?.outcome).to.equal("denied");
    expect(verdict("MIT", { deny: ["MIT"], allow: ["MIT"] }).accepted).to.equal(false);
    expect(verdict("GPL-3.0-only", { allow: ["GPL-3.0-only"] }).accepted).to.equal(true);
    expect(verdict("SSPL-1.0", { allow: ["SSPL-1.0"] }).leaves[0]?.outcome).to.equal("not-open-source");
  });

  it("applies the chosen definition: OSI only, FSF only, either", () => {
    // APSL-1.0: approved by the OSI, not free per the FSF.
    expect(verdict("APSL-1.0", { definition: ["osi"], allow: ["APSL-1.0"] }).accepted).to.equal(true);
    expect(verdict("APSL-1.0", { definition: ["fsf"], allow: ["APSL-1.0"] }).accepted).to.equal(false);
    // 0BSD: approved by the OSI, no FSF view recorded: not open source under an FSF-only definition.
    expect(verdict("0BSD", { definition: ["fsf"] }).leaves[0]?.outcome).to.equal("not-open-source");
    expect(verdict("0BSD", { definition: ["osi", "fsf"] }).accepted).to.equal(true);
  });

  it("refuses licences it cannot classify unless allowed", () => {
    // An open source licence (OSI-approved) that Clausier's tables give no class.
    const id = [...catalogue.ids].sort().find((i) => {
      const info = catalogue.info(i);
      return info !== undefined && !info.deprecated && info.osiApproved && info.class === undefined;
    });
    expect(id, "an OSI-approved licence without a class").to.be.a("string");
    const refused = verdict(id!);
    expect(refused.accepted).to.equal(false);
    expect(refused.leaves[0]?.outcome).to.equal("unclassified");
    const allowed = verdict(id!, { allow: [id!] });
    expect(allowed.accepted).to.equal(true);
    expect(allowed.leaves[0]?.outcome).to.equal("allowed-by-list");
    // Allowed, but then denied: deny wins.
    expect(verdict(id!, { allow: [id!], deny: [id!] }).leaves[0]?.outcome).to.equal("denied");
  });
});
