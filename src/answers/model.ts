/**
 * The answers after validation, with every default applied and every optional answer present (null when
 * not given). This is what clause conditions and clause templates see.
 */
import type { LicenceClass } from "../licences/catalogue.js";
import type { Body } from "../licences/policy.js";

export type Language = "en" | "fr";
export const LANGUAGES: readonly Language[] = ["en", "fr"];
export type SbomFormat = "spdx-2.2" | "spdx-2.3" | "spdx-3.0" | "cyclonedx-1.4" | "cyclonedx-1.5" | "cyclonedx-1.6";

export interface Component {
  readonly name: string;
  readonly purpose: string;
  readonly license: string;
  readonly version: string | null;
  readonly repository: string | null;
  readonly governance: string | null;
  readonly justification: string | null;
  readonly orEquivalent: boolean;
}

export interface Answers {
  readonly schemaVersion: 1;
  readonly tender: {
    readonly title: string;
    readonly reference: string;
    readonly buyer: string;
    readonly language: Language;
    readonly issueDate: string | null;
    readonly lot: string | null;
  };
  readonly openSource: {
    readonly scope: "none" | "partial" | "all";
    readonly needs: readonly string[];
    readonly mode: "mandatory" | "award-criterion";
    readonly weight: number | null;
  };
  readonly components: readonly Component[];
  readonly licensePolicy: {
    readonly definition: readonly Body[];
    readonly allowedClasses: readonly LicenceClass[];
    readonly allow: readonly string[];
    readonly deny: readonly string[];
  };
  readonly governance: { readonly required: boolean; readonly foundations: readonly string[] };
  readonly compliance: {
    readonly openChain: boolean;
    readonly evidence: "self-certification" | "third-party-assessment";
    readonly securityAssurance: boolean;
    readonly sbom: { readonly required: boolean; readonly formats: readonly SbomFormat[]; readonly includeNonCodeAssets: boolean };
  };
  readonly upstream: { readonly contribute: boolean; readonly documentation: boolean };
  readonly buyerDistribution: {
    readonly commit: boolean;
    readonly license: string | null;
    readonly documentationLicense: string | null;
  };
}

/* The raw shape accepted by the schema (optional keys may be absent). */
type Raw = {
  tender: { title: string; reference: string; buyer: string; language: Language; issueDate?: string; lot?: string };
  openSource?: { scope: Answers["openSource"]["scope"]; needs?: string[]; mode?: Answers["openSource"]["mode"]; weight?: number };
  components?: {
    name: string;
    purpose: string;
    license: string;
    version?: string;
    repository?: string;
    governance?: string;
    justification?: string;
    orEquivalent?: boolean;
  }[];
  licensePolicy: { definition: Body[]; allowedClasses: LicenceClass[]; allow?: string[]; deny?: string[] };
  governance?: { required: boolean; foundations?: string[] };
  compliance?: {
    openChain: boolean;
    evidence?: Answers["compliance"]["evidence"];
    securityAssurance?: boolean;
    sbom?: { required: boolean; formats?: SbomFormat[]; includeNonCodeAssets?: boolean };
  };
  upstream?: { contribute: boolean; documentation?: boolean };
  buyerDistribution?: { commit: boolean; license?: string; documentationLicense?: string };
};

/** Applies the defaults of the answers file. Call only on data that passed validation. */
export function normaliseAnswers(data: unknown): Answers {
  const raw = data as Raw;
  const sbom = raw.compliance?.sbom;
  const contribute = raw.upstream?.contribute ?? false;
  return {
    schemaVersion: 1,
    tender: {
      title: raw.tender.title,
      reference: raw.tender.reference,
      buyer: raw.tender.buyer,
      language: raw.tender.language,
      issueDate: raw.tender.issueDate ?? null,
      lot: raw.tender.lot ?? null,
    },
    openSource: {
      scope: raw.openSource?.scope ?? "none",
      needs: raw.openSource?.needs ?? [],
      mode: raw.openSource?.mode ?? "mandatory",
      weight: raw.openSource?.weight ?? null,
    },
    components: (raw.components ?? []).map((c) => ({
      name: c.name,
      purpose: c.purpose,
      license: c.license,
      version: c.version ?? null,
      repository: c.repository ?? null,
      governance: c.governance ?? null,
      justification: c.justification ?? null,
      orEquivalent: c.orEquivalent ?? true,
    })),
    licensePolicy: {
      definition: raw.licensePolicy.definition,
      allowedClasses: raw.licensePolicy.allowedClasses,
      allow: raw.licensePolicy.allow ?? [],
      deny: raw.licensePolicy.deny ?? [],
    },
    governance: { required: raw.governance?.required ?? false, foundations: raw.governance?.foundations ?? [] },
    compliance: {
      openChain: raw.compliance?.openChain ?? false,
      evidence: raw.compliance?.evidence ?? "self-certification",
      securityAssurance: raw.compliance?.securityAssurance ?? false,
      sbom: {
        required: sbom?.required ?? false,
        formats: sbom?.formats ?? [],
        includeNonCodeAssets: sbom?.includeNonCodeAssets ?? true,
      },
    },
    upstream: { contribute, documentation: raw.upstream?.documentation ?? contribute },
    buyerDistribution: {
      commit: raw.buyerDistribution?.commit ?? false,
      license: raw.buyerDistribution?.license ?? null,
      documentationLicense: raw.buyerDistribution?.documentationLicense ?? null,
    },
  };
}
