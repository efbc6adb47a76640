/**
 * What Clausier knows of each SPDX licence: its name, whether the OSI approved it, the FSF's view, whether
 * the identifier is deprecated, and its class with the source of that class.
 *
 * Sources: the SPDX License List (npm `spdx-license-list` for names and OSI approval, `spdx-license-ids`
 * for deprecated ids, `spdx-exceptions` for exceptions), the FSF's views as recorded in the SPDX data
 * (data/fsf-libre.json), the Blue Oak Council permissive list (`@blueoak/list`), and Clausier's own
 * classification table (data/licence-classes.yaml).
 */
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataFile, GENERATED_DIR } from "../paths.js";
import { lazyRequire } from "../lazy.js";

const yaml = lazyRequire<typeof import("yaml")>("yaml");

const require = createRequire(import.meta.url);

export type LicenceClass = "permissive" | "weak-copyleft" | "strong-copyleft" | "network-copyleft";
export const LICENCE_CLASSES: readonly LicenceClass[] = [
  "permissive",
  "weak-copyleft",
  "strong-copyleft",
  "network-copyleft",
];

/** The classes as a sentence says them, in English (the interview has its French words). */
export const CLASS_WORDS: Record<LicenceClass, string> = {
  permissive: "permissive",
  "weak-copyleft": "weak copyleft",
  "strong-copyleft": "strong copyleft",
  "network-copyleft": "network copyleft",
};

export interface LicenceInfo {
  readonly id: string;
  readonly name: string;
  readonly osiApproved: boolean;
  /** true: free per the FSF; false: not free per the FSF; undefined: the FSF has no view. */
  readonly fsfLibre: boolean | undefined;
  readonly deprecated: boolean;
  /** The replacement of a deprecated id, where there is one. */
  readonly replacement?: string;
  /**
   * For a deprecated id with a replacement: the licence of the replacement whose class and OSI/FSF views
   * this id carries (`GPL-2.0-with-classpath-exception` → GPL-2.0-only, judged as its replacement
   * `GPL-2.0-only WITH Classpath-exception-2.0` is, an exception being judged as its licence).
   */
  readonly judgedAs?: string;
  readonly class?: LicenceClass;
  /** Where the class comes from, in words. */
  readonly classSource?: string;
  readonly url?: string;
}

/**
 * Exceptions that limit a copyleft licence to the licensed component itself: the larger work that links to
 * or is compiled with it is not covered. The combination meets Clausier's definition of weak copyleft
 * (changes to the component are shared, the work that uses it is not), whatever the class of the licence
 * alone. Each with what the exception says, in Clausier's words.
 */
export const LINKING_EXCEPTIONS: Readonly<Record<string, string>> = {
  "Classpath-exception-2.0": "the Classpath exception: linking the library with independent modules does not extend the licence to them",
  "GCC-exception-3.1": "the GCC Runtime Library Exception 3.1: code produced through an eligible compilation process may be distributed under terms of one's choice",
  "GCC-exception-2.0": "the GCC linking exception 2.0: linking the library into an executable does not bring the executable under the licence",
};

/** The class of a licence combined with an exception: weak copyleft for a strong copyleft licence with a linking exception. */
function withException(cls: { class: LicenceClass; source: string } | undefined, exception: string): { class: LicenceClass; source: string } | undefined {
  const effect = LINKING_EXCEPTIONS[exception];
  if (cls === undefined || effect === undefined || cls.class !== "strong-copyleft") return cls;
  return { class: "weak-copyleft", source: `${cls.source}; with ${exception}, weak copyleft: ${effect}` };
}

interface SpdxEntry {
  name: string;
  url: string;
  osiApproved: boolean;
}
interface BlueOakRating {
  name: string;
  licenses: { id: string; name: string }[];
}
interface ClassRow {
  id: string;
  family: "weak" | "strong" | "network" | "maximal" | "permissive";
  source: string;
}

const FAMILY_CLASS: Record<ClassRow["family"], LicenceClass> = {
  weak: "weak-copyleft",
  strong: "strong-copyleft",
  network: "network-copyleft",
  maximal: "network-copyleft",
  permissive: "permissive",
};

/** Deprecated ids whose replacement is not simply `<id>-only`. */
const SPECIAL_REPLACEMENTS: Record<string, string> = {
  "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
  "GPL-2.0-with-GCC-exception": "GPL-2.0-only WITH GCC-exception-2.0",
  "GPL-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
  "GPL-2.0-with-bison-exception": "GPL-2.0-or-later WITH Bison-exception-2.2",
  "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
  "GPL-3.0-with-GCC-exception": "GPL-3.0-only WITH GCC-exception-3.1",
  "GPL-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
  "eCos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
  wxWindows: "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
  Nunit: "zlib-acknowledgement",
  "BSD-2-Clause-FreeBSD": "BSD-2-Clause",
  "BSD-2-Clause-NetBSD": "BSD-2-Clause",
  "StandardML-NJ": "SMLNJ",
  "bzip2-1.0.5": "bzip2-1.0.6",
};

export class LicenceCatalogue {
  readonly #spdx: Record<string, SpdxEntry>;
  readonly #ids: Set<string>;
  readonly #deprecated: Set<string>;
  readonly #exceptions: Set<string>;
  readonly #fsf: Record<string, boolean>;
  readonly #classes = new Map<string, { class: LicenceClass; source: string }>();
  readonly #byLowerCase = new Map<string, string>();
  readonly fsfSource: string;

  constructor() {
    this.#spdx = require("spdx-license-list") as Record<string, SpdxEntry>;
    const current = require("spdx-license-ids") as string[];
    const deprecated = require("spdx-license-ids/deprecated.json") as string[];
    this.#deprecated = new Set(deprecated);
    this.#ids = new Set([...current, ...deprecated, ...Object.keys(this.#spdx)]);
    this.#exceptions = new Set(require("spdx-exceptions") as string[]);
    const fsf = JSON.parse(readFileSync(dataFile("fsf-libre.json"), "utf8")) as {
      source: string;
      licenses: Record<string, boolean>;
    };
    this.#fsf = fsf.licenses;
    this.fsfSource = fsf.source;

    for (const rating of require("@blueoak/list") as BlueOakRating[]) {
      for (const licence of rating.licenses) {
        this.#classes.set(licence.id, {
          class: "permissive",
          source: `Blue Oak Council permissive list, rated ${rating.name}`,
        });
      }
    }
    for (const row of classRows()) {
      this.#classes.set(row.id, { class: FAMILY_CLASS[row.family], source: `Clausier table (${row.family}): ${row.source}` });
    }
    for (const id of this.#ids) this.#byLowerCase.set(id.toLowerCase(), id);
  }

  /** Every SPDX licence identifier known, current and deprecated. */
  get ids(): ReadonlySet<string> {
    return this.#ids;
  }

  isLicence(id: string): boolean {
    return this.#ids.has(id);
  }

  isException(id: string): boolean {
    return this.#exceptions.has(id);
  }

  /** The identifier with this spelling but another case (`mit` → `MIT`), if any. */
  caseVariant(id: string): string | undefined {
    const found = this.#byLowerCase.get(id.toLowerCase());
    return found !== undefined && found !== id ? found : undefined;
  }

  info(id: string): LicenceInfo | undefined {
    if (!this.#ids.has(id)) return undefined;
    const entry = this.#spdx[id];
    // "GPL-2.0+" (deprecated "or later" form): the class and views of its base licence where it has none.
    const base = id.endsWith("+") ? id.slice(0, -1) : undefined;
    const deprecated = this.#deprecated.has(id) || id.endsWith("+");
    const replacement = deprecated ? this.replacementOf(id) : undefined;
    // A deprecated id is judged as its replacement: the class and OSI/FSF views of the replacement's
    // licence (its first identifier; an exception is judged as the licence it is added to).
    const judgedAs = replacement !== undefined ? replacement.split(/\s+/)[0] : undefined;
    const target = judgedAs !== undefined && judgedAs !== id && this.#ids.has(judgedAs) ? this.info(judgedAs) : undefined;
    const exception = replacement?.split(/\s+WITH\s+/)[1];
    const baseClass = target?.class !== undefined ? { class: target.class, source: target.classSource ?? "" } : (this.#classes.get(id) ?? (base !== undefined ? this.#classes.get(base) : undefined));
    const cls = exception !== undefined ? withException(baseClass, exception) : baseClass;
    return {
      id,
      name: entry?.name ?? id,
      osiApproved: target?.osiApproved ?? entry?.osiApproved ?? (base !== undefined ? (this.#spdx[base]?.osiApproved ?? false) : false),
      fsfLibre: target !== undefined ? target.fsfLibre : (this.#fsf[id] ?? (base !== undefined ? this.#fsf[base] : undefined)),
      deprecated,
      ...(replacement !== undefined ? { replacement } : {}),
      ...(target !== undefined ? { judgedAs: target.id } : {}),
      ...(cls ? { class: cls.class, classSource: cls.source } : {}),
      ...(entry?.url ? { url: entry.url } : {}),
    };
  }

  /**
   * What is known of one licence of an expression, `plus` ("or later") included; with a linking exception
   * (`GPL-2.0-only WITH Classpath-exception-2.0`), the class of the combination.
   */
  leafInfo(leaf: { license: string; plus?: boolean; exception?: string }): LicenceInfo | undefined {
    let info: LicenceInfo | undefined;
    if (leaf.plus) {
      const withPlus = `${leaf.license}+`;
      if (this.#ids.has(withPlus)) info = this.info(withPlus);
      else {
        const own = this.info(leaf.license);
        info = own ? { ...own, id: withPlus } : undefined;
      }
    } else info = this.info(leaf.license);
    if (info === undefined || leaf.exception === undefined) return info;
    const cls = withException(info.class !== undefined ? { class: info.class, source: info.classSource ?? "" } : undefined, leaf.exception);
    return cls === undefined || cls.class === info.class ? info : { ...info, class: cls.class, classSource: cls.source };
  }

  /** The identifier to use instead of a deprecated one. */
  replacementOf(id: string): string | undefined {
    const special = SPECIAL_REPLACEMENTS[id];
    if (special !== undefined) return special;
    if (id.endsWith("+")) {
      const base = id.slice(0, -1);
      return this.#ids.has(`${base}-or-later`) ? `${base}-or-later` : undefined;
    }
    return this.#ids.has(`${id}-only`) ? `${id}-only` : undefined;
  }

  /** Every (id, class, source) Clausier knows, for tests and the `licenses` command. */
  classified(): { id: string; class: LicenceClass; source: string }[] {
    return [...this.#classes].map(([id, c]) => ({ id, ...c }));
  }
}

/** The rows of data/licence-classes.yaml; the copy made at build time when it is current (YAML is slow to read). */
export function classRows(): ClassRow[] {
  const text = readFileSync(dataFile("licence-classes.yaml"), "utf8");
  const generated = join(GENERATED_DIR, "licence-classes.json");
  if (existsSync(generated)) {
    const cached = JSON.parse(readFileSync(generated, "utf8")) as { hash: string; licences: ClassRow[] };
    if (cached.hash === createHash("sha256").update(text).digest("hex")) return cached.licences;
  }
  return (yaml().parse(text) as { licences: ClassRow[] }).licences;
}

let shared: LicenceCatalogue | undefined;
/** The catalogue, built once per process (it reads a few hundred kilobytes of data). */
export function licenceCatalogue(): LicenceCatalogue {
  shared ??= new LicenceCatalogue();
  return shared;
}
