import { expect } from "chai";
import type { Diagnostic } from "../src/diagnostics.js";
import { validateAnswersBytes, validateAnswersText } from "../src/validation/validate.js";
import { BASE_ANSWERS } from "./helpers/run.js";

function check(text: string): { valid: boolean; diagnostics: readonly Diagnostic[] } {
  const v = validateAnswersText("answers.yaml", text);
  return { valid: v.answers !== undefined, diagnostics: v.diagnostics };
}

function find(diagnostics: readonly Diagnostic[], code: string, path?: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code && (path === undefined || d.path === path));
  expect(found, `${code} at ${path ?? "?"} in:\n${diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join("\n")}`).to.not.equal(undefined);
  return found!;
}

const replace = (from: string, to: string): string => {
  expect(BASE_ANSWERS).to.contain(from);
  return BASE_ANSWERS.replace(from, to);
};

describe("answers validation", () => {
  it("accepts the base answers and applies defaults", () => {
    const v = validateAnswersText("answers.yaml", BASE_ANSWERS);
    expect(v.diagnostics).to.deep.equal([]);
    expect(v.answers?.components[0]?.orEquivalent).to.equal(true);
    expect(v.answers?.openSource.mode).to.equal("mandatory");
    expect(v.answers?.compliance.sbom.includeNonCodeAssets).to.equal(true);
    expect(v.answers?.upstream).to.deep.equal({ contribute: false, documentation: false, obligation: "allowed", proposalDays: 30 });
    // Answers 1.1 defaults.
    expect(v.answers?.tender.legalFramework).to.equal("eu");
    expect(v.answers?.tender.buyerType).to.equal("contracting-authority");
    expect(v.answers?.remedies.cureDays).to.equal(30);
    expect(v.answers?.security.supportYears).to.equal(null);
    // No rights regime chosen: null, so that the annex states one only where publication or contribution needs it.
    expect(v.answers?.ipRights.bespoke).to.equal(null);
    expect(v.answers?.exit.reversibility).to.equal(false);
  });

  it("accepts the same answers written as JSON", () => {
    const json = JSON.stringify({
      schemaVersion: 1,
      tender: { title: "T", reference: "R-1", buyer: "B", language: "fr" },
      licensePolicy: { definition: ["osi"], allowedClasses: ["permissive"] },
      openSource: { scope: "all" },
    });
    expect(check(json).valid).to.equal(true);
  });

  describe("reports each kind of mistake with its answer, line, message and hint", () => {
    it("unknown key, with a spelling suggestion", () => {
      const d = find(check(replace("  language: en\n", "  langage: en\n")).diagnostics, "answer.unknown", "tender.langage");
      expect(d.line).to.equal(6);
      expect(d.column).to.equal(3);
      expect(d.hint).to.contain("“language”");
      find(check(replace("  language: en\n", "  langage: en\n")).diagnostics, "answer.missing", "tender.language");
    });

    it("missing required answer, at its section", () => {
      const d = find(check(replace("  buyer: Test Buyer\n", "")).diagnostics, "answer.missing", "tender.buyer");
      expect(d.line).to.equal(3);
      expect(d.message).to.equal("Buyer is required and missing");
    });

    it("wrong type, with the way to write it", () => {
      const d = find(check(`${BASE_ANSWERS}governance:\n  required: yes\n  foundations: [LF Energy]\n`).diagnostics, "answer.type", "governance.required");
      expect(d.message).to.contain("true or false");
      expect(d.line).to.equal(21);
    });

    it("value not among the choices, with the nearest choice", () => {
      const d = find(check(replace("language: en", "language: english")).diagnostics, "answer.choice", "tender.language");
      expect(d.message).to.contain("en, fr");
    });

    it("impossible calendar date", () => {
      const d = find(check(replace("2026-12-01", "2026-02-30")).diagnostics, "answer.date", "tender.issueDate");
      expect(d.line).to.equal(7);
    });

    it("empty text and too long text", () => {
      find(check(replace("title: Test tender", 'title: ""')).diagnostics, "answer.empty", "tender.title");
      find(check(replace("title: Test tender", `title: ${"x".repeat(201)}`)).diagnostics, "answer.too-long", "tender.title");
    });

    it("partial scope without needs", () => {
      find(check(replace("  needs:\n    - A need\n", "")).diagnostics, "answer.missing", "openSource.needs");
      find(check(replace("  needs:\n    - A need\n", "  needs: []\n")).diagnostics, "answer.empty-list", "openSource.needs");
    });

    it("award criterion without weight, and weight out of range", () => {
      find(check(replace("  scope: partial\n", "  scope: partial\n  mode: award-criterion\n")).diagnostics, "answer.missing", "openSource.weight");
      find(check(replace("  scope: partial\n", "  scope: partial\n  mode: award-criterion\n  weight: 101\n")).diagnostics, "answer.range", "openSource.weight");
    });

    it("repository that is not an https address", () => {
      for (const url of ["http://example.org/x", "javascript:alert(1)", "file:///etc/passwd", "https://exa mple.org"]) {
        find(check(replace("    license: MIT\n", `    license: MIT\n    repository: "${url}"\n`)).diagnostics, "answer.web-address", "components[0].repository");
      }
    });

    it("duplicates in a list", () => {
      find(check(replace("definition: [osi, fsf]", "definition: [osi, osi]")).diagnostics, "answer.duplicate", "licensePolicy.definition[1]");
    });

    it("wrong schema version", () => {
      const d = find(check(replace("schemaVersion: 1", "schemaVersion: 2")).diagnostics, "answer.choice", "schemaVersion");
      expect(d.hint).to.contain("version 1");
    });
  });

  describe("licences", () => {
    it("mistyped licence, with the corrected identifier", () => {
      const d = find(check(replace("license: MIT", "license: Apache 2")).diagnostics, "licence.invalid", "components[0].license");
      expect(d.hint).to.equal("Did you mean “Apache-2.0”?");
      expect(d.line).to.equal(15);
      expect(d.column).to.equal(14);
    });

    it("deprecated identifier is a warning naming its replacement", () => {
      const r = check(replace("allowedClasses: [permissive, weak-copyleft]", "allowedClasses: [permissive, weak-copyleft, strong-copyleft]").replace("license: MIT", "license: GPL-2.0"));
      expect(r.valid).to.equal(true);
      const d = find(r.diagnostics, "licence.deprecated", "components[0].license");
      expect(d.severity).to.equal("warning");
      expect(d.hint).to.contain("GPL-2.0-only");
    });

    it("licence of a class the policy refuses, naming component, licence, class and allowed classes", () => {
      const d = find(check(replace("license: MIT", "license: GPL-3.0-only")).diagnostics, "licence.not-acceptable", "components[0].license");
      expect(d.message).to.contain("Component “Component A”");
      expect(d.message).to.contain("GPL-3.0-only is strong copyleft");
      expect(d.message).to.contain("permissive and weak copyleft");
    });

    it("licence that is not open source under the chosen definition", () => {
      const d = find(check(replace("license: MIT", "license: CC-BY-NC-4.0")).diagnostics, "licence.not-acceptable", "components[0].license");
      expect(d.message).to.contain("not open source");
    });

    it("OR accepts one acceptable branch; AND needs all", () => {
      expect(check(replace("license: MIT", "license: GPL-3.0-only OR MIT")).valid).to.equal(true);
      find(check(replace("license: MIT", "license: GPL-3.0-only AND MIT")).diagnostics, "licence.not-acceptable");
    });

    it("deny beats the class", () => {
      find(check(`${BASE_ANSWERS}  deny: [MIT]\n`).diagnostics, "licence.not-acceptable", "components[0].license");
    });

    it("allow and deny naming the same licence contradict each other", () => {
      find(check(`${BASE_ANSWERS}  allow: [MIT]\n  deny: [MIT]\n`).diagnostics, "licence.allow-deny-conflict", "licensePolicy.allow[0]");
    });

    it("publication licence must be open source under the definition", () => {
      const text = `${BASE_ANSWERS.replace("definition: [osi, fsf]", "definition: [osi]")}buyerDistribution:\n  commit: true\n  license: CC-BY-4.0\n`;
      find(check(text).diagnostics, "licence.publication-not-open-source", "buyerDistribution.license");
      expect(check(`${BASE_ANSWERS}buyerDistribution:\n  commit: true\n  license: EUPL-1.2\n  documentationLicense: CC-BY-4.0\n`).valid).to.equal(true);
    });

    it("documentation licence must be free", () => {
      find(check(`${BASE_ANSWERS}buyerDistribution:\n  commit: true\n  license: EUPL-1.2\n  documentationLicense: CC-BY-NC-4.0\n`).diagnostics, "licence.documentation-not-free");
    });
  });

  describe("consistency", () => {
    it("governance outside the foundations is a warning naming both", () => {
      const r = check(`${BASE_ANSWERS.replace("    license: MIT\n", "    license: MIT\n    governance: Acme Corp\n")}governance:\n  required: true\n  foundations: [LF Energy]\n`);
      expect(r.valid).to.equal(true);
      const d = find(r.diagnostics, "governance.not-listed", "components[0].governance");
      expect(d.message).to.contain("Acme Corp").and.to.contain("LF Energy");
    });

    it("no equivalent and no justification is a warning citing the law", () => {
      const r = check(replace("    justification: Interoperability with the buyer's existing systems\n", "    orEquivalent: false\n"));
      expect(r.valid).to.equal(true);
      expect(find(r.diagnostics, "component.no-justification", "components[0].orEquivalent").message).to.contain("R2111-7");
    });

    it("a component named without a justification is a warning, even with “or equivalent”", () => {
      const r = check(replace("    justification: Interoperability with the buyer's existing systems\n", ""));
      expect(r.valid).to.equal(true);
      expect(find(r.diagnostics, "component.no-reason", "components[0]").message).to.contain("Component “Component A”").and.to.contain("or equivalent");
    });

    it("speaks the answers' language: a French file gets French findings", () => {
      const r = check(replace("language: en", "language: fr").replace("license: MIT", "license: GPL-3.0-only"));
      const d = find(r.diagnostics, "licence.not-acceptable", "components[0].license");
      // French typography: non-breaking spaces inside « » and before : ; ? !
      expect(d.message).to.contain("Le composant «\u00a0Component A\u00a0» est sous GPL-3.0-only").and.to.contain("à copyleft fort");
      expect(d.hint).to.contain("ajoutez GPL-3.0-only à licensePolicy.allow");
    });

    it("award criterion with nothing to score is an error", () => {
      const text = replace("  scope: partial\n  needs:\n    - A need\n", "  scope: none\n  mode: award-criterion\n  weight: 10\n");
      find(check(text).diagnostics, "open-source.award-without-scope", "openSource.mode");
    });

    it("answers that have no effect are warnings", () => {
      const r = check(`${BASE_ANSWERS}compliance:\n  openChain: false\n  evidence: self-certification\n  sbom:\n    required: false\n    formats: [spdx-2.3]\n`);
      expect(r.valid).to.equal(true);
      find(r.diagnostics, "answer.unused", "compliance.evidence");
      find(r.diagnostics, "answer.unused", "compliance.sbom.formats");
    });

    it("a real calendar date outside this century is refused as a typo; the deadline must follow the issue date", () => {
      const typo = check(replace("issueDate: 2026-12-01", "issueDate: 0026-12-01"));
      expect(typo.valid).to.equal(false);
      const d = find(typo.diagnostics, "tender.date-implausible", "tender.issueDate");
      expect(d.message).to.contain("0026-12-01").and.to.contain("between 2000 and 2099");
      expect(d.line).to.be.a("number");
      const late = check(replace("issueDate: 2026-12-01", "issueDate: 2026-12-01\n  submissionDeadline: 2100-01-15"));
      find(late.diagnostics, "tender.date-implausible", "tender.submissionDeadline");
      const before = check(replace("issueDate: 2026-12-01", "issueDate: 2026-12-01\n  submissionDeadline: 2026-11-30"));
      expect(before.valid).to.equal(false);
      find(before.diagnostics, "tender.deadline-before-issue", "tender.submissionDeadline");
      for (const edge of ["2000-01-01", "2099-12-31"]) expect(check(replace("issueDate: 2026-12-01", `issueDate: ${edge}`)).valid, edge).to.equal(true);
    });

    it("an annex that requires nothing is valid but warned about", () => {
      const text = `schemaVersion: 1\ntender: {title: T, reference: R, buyer: B, language: en}\nopenSource: {scope: none}\nlicensePolicy: {definition: [osi], allowedClasses: [permissive]}\n`;
      const r = check(text);
      expect(r.valid).to.equal(true);
      find(r.diagnostics, "annex.requires-nothing");
    });
  });

  describe("hostile files", () => {
    it("refuses control characters, with the exact character and position", () => {
      const d = find(check(replace("title: Test tender", 'title: "Test\\u0007tender"')).diagnostics, "text.forbidden-character", "tender.title");
      expect(d.message).to.contain("U+0007").and.to.contain("character 5");
      expect(d.message.startsWith("Tender title")).to.equal(true);
    });

    it("refuses U+FFFF, lone surrogates, direction overrides and private-use characters", () => {
      for (const escape of ["\\uFFFF", "\\uD800", "\\u202E", "\\uE000", "\\n"]) {
        find(check(replace("title: Test tender", `title: "Test${escape}tender"`)).diagnostics, "text.forbidden-character", "tender.title");
      }
    });

    it("refuses a line break in a block scalar", () => {
      find(check(replace("    purpose: Does something\n", "    purpose: |\n      Two\n      lines\n")).diagnostics, "text.forbidden-character", "components[0].purpose");
    });

    it("refuses duplicate keys", () => {
      const d = find(check(replace("  buyer: Test Buyer\n", "  buyer: Test Buyer\n  buyer: Other\n")).diagnostics, "file.duplicate-key");
      expect(d.line).to.equal(6);
    });

    it("refuses aliases", () => {
      find(check(replace("  buyer: Test Buyer\n", "  buyer: &b Test Buyer\n  lot: *b\n")).diagnostics, "file.alias");
    });

    it("refuses tags", () => {
      find(check(replace("  buyer: Test Buyer\n", "  buyer: !!js/function x\n")).diagnostics, "file.unsupported");
    });

    it("refuses a syntax error with its line", () => {
      const d = find(check(replace("  buyer: Test Buyer\n", '  buyer: "Test Buyer\n')).diagnostics, "file.syntax");
      expect(d.line).to.be.a("number");
    });

    it("refuses invalid UTF-8 instead of replacing it", () => {
      const bytes = new TextEncoder().encode(BASE_ANSWERS.replace("Test Buyer", "Test XBuyer"));
      const at = bytes.indexOf("X".charCodeAt(0));
      bytes[at] = 0xff;
      const v = validateAnswersBytes("answers.yaml", bytes);
      expect(v.answers).to.equal(undefined);
      const d = find(v.diagnostics, "file.encoding");
      expect(d.line).to.equal(5);
    });

    it("refuses an empty file and a file that is not a mapping", () => {
      find(check("").diagnostics, "file.empty");
      find(check("# nothing\n").diagnostics, "file.empty");
      find(check("- a\n- b\n").diagnostics, "file.not-answers");
    });

    it("does not let __proto__ pollute anything", () => {
      const r = check(replace("  buyer: Test Buyer\n", "  buyer: Test Buyer\n  __proto__: {polluted: true}\n"));
      find(r.diagnostics, "answer.unknown", "tender.__proto__");
      expect(({} as Record<string, unknown>)["polluted"]).to.equal(undefined);
    });

    it("keeps YAML 1.2 meanings: no, on and dates stay text", () => {
      find(check(replace("language: en", "language: no")).diagnostics, "answer.choice", "tender.language");
    });

    it("reports every error at once", () => {
      const text = BASE_ANSWERS.replace("language: en", "language: de").replace("2026-12-01", "2026-13-01").replace("license: MIT", "license: Apache 2").replace("  buyer: Test Buyer\n", "");
      const errors = check(text).diagnostics.filter((d) => d.severity === "error");
      expect(errors.map((d) => d.path)).to.include.members(["tender.language", "tender.issueDate", "components[0].license", "tender.buyer"]);
    });
  });
});

describe("warnings a legal reader asked for", () => {
  const base = "schemaVersion: 1\ntender: {title: T, reference: R-1, buyer: B, language: en}\nopenSource: {scope: all}\n";
  it("an allowed licence that its class already accepts, and a support period shorter than the Cyber Resilience Act's", () => {
    const v = validateAnswersText("a.yaml", `${base}licensePolicy: {definition: [osi], allowedClasses: [permissive, weak-copyleft], allow: [EPL-2.0, GPL-3.0-only]}\nsecurity: {supportYears: 3, craConformity: true}\n`);
    const codes = v.diagnostics.map((d) => `${d.code} ${d.path}`);
    expect(codes).to.include("licence.allow-redundant licensePolicy.allow[0]");
    expect(codes).to.not.include("licence.allow-redundant licensePolicy.allow[1]");
    expect(codes).to.include("security.cra-support-period security.supportYears");
    const five = validateAnswersText("a.yaml", `${base}licensePolicy: {definition: [osi], allowedClasses: [permissive]}\nsecurity: {supportYears: 5, craConformity: true}\n`);
    expect(five.diagnostics.map((d) => d.code)).to.not.include("security.cra-support-period");
  });

  it("a straight apostrophe in a French annex, named by its answer", () => {
    const v = validateAnswersText("a.yaml", "schemaVersion: 1\ntender: {title: \"L'appel\", reference: R-1, buyer: B, language: fr}\nopenSource: {scope: all}\nlicensePolicy: {definition: [osi], allowedClasses: [permissive]}\n");
    expect(v.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`)).to.include("warning text.straight-apostrophe tender.title");
  });
});
