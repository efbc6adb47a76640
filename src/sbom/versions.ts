/**
 * Version ranges of the tender checked with the ordering of each package's ecosystem, which the package URL's
 * type says: Debian (`pkg:deb`, dpkg's ordering with epochs and `~`), RPM (`pkg:rpm`, rpmvercmp with epochs,
 * the purl's `epoch` qualifier included), Maven (`pkg:maven`, Maven's ComparableVersion), PyPI (`pkg:pypi`,
 * PEP 440) and semantic versioning for npm and every other type (node-semver, as before).
 *
 * Libraries: `wpkg-debversion` (dpkg's comparison compiled to WebAssembly, checked against dpkg in the tests),
 * `mvncmp` (a port of Maven's ComparableVersion), `@renovatebot/pep440` (PEP 440 versions and specifiers),
 * `semver`. No npm library compares RPM versions: rpmvercmp below follows rpm's own rpmvercmp.c (rpm
 * 4.15+, with `~` and `^`), tested with the cases of rpm's test suite.
 *
 * A range for Debian, RPM and Maven is a list of comparisons that all hold (`>=1:1.2.11 <2`, commas allowed),
 * alternatives separated by `||`; a bare version means `=`. PyPI ranges are PEP 440 specifiers (`>=1.0,<2`).
 *
 * Epochs: a Debian or RPM bound written with an epoch (`>=1:1.2.11`) is compared epoch first, as dpkg and
 * rpm do. A bound written without one (`>=7.0`) names the upstream version, as a buyer does: it is compared
 * with the package's version without its epoch, as rpm does for a requirement without an epoch. So
 * `1:1.2.11` is in `>=1.2.11` (its upstream version is 1.2.11, not 1.0.0), and ImageMagick's `8:6.9.11` is
 * not in `>=7.0` (its upstream version is 6.9.11; the epoch 8 only records a packaging change).
 */
import { createRequire } from "node:module";
import semver from "semver";

const require = createRequire(import.meta.url);

export type Ordering = "semver" | "deb" | "rpm" | "maven" | "pep440";

export function orderingOf(purlType: string | undefined): Ordering {
  switch (purlType) {
    case "deb":
      return "deb";
    case "rpm":
      return "rpm";
    case "maven":
      return "maven";
    case "pypi":
      return "pep440";
    default:
      return "semver";
  }
}

interface DebVersion {
  init(): Promise<void>;
  sync(left: string, right: string): number;
}
let debReady: Promise<void> | undefined;
let deb: DebVersion | undefined;

/** Loads what the orderings need before comparing (dpkg's comparison is WebAssembly, instantiated once). */
export async function prepareOrdering(ordering: Ordering): Promise<void> {
  if (ordering !== "deb") return;
  if (debReady === undefined) {
    const module = require("wpkg-debversion") as DebVersion;
    debReady = module.init().then(() => {
      deb = module;
    });
  }
  await debReady;
}

/** rpm's rpmvercmp: one version or release string against another (-1, 0, 1). */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  const alnum = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);
  const digit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
  const alpha = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !alnum(a[i]) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !alnum(b[j]) && b[j] !== "~" && b[j] !== "^") j++;
    // A tilde sorts before everything, even the end of the string.
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    // A caret sorts after the end of the string, before anything else.
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    let ei = i;
    let ej = j;
    const numeric = digit(a[i]);
    if (numeric) {
      while (ei < a.length && digit(a[ei])) ei++;
      while (ej < b.length && digit(b[ej])) ej++;
    } else {
      while (ei < a.length && alpha(a[ei])) ei++;
      while (ej < b.length && alpha(b[ej])) ej++;
    }
    if (ei === i) return -1; // cannot happen: a has a segment here
    // A numeric segment is newer than an alphabetic one.
    if (ej === j) return numeric ? 1 : -1;
    let x = a.slice(i, ei);
    let y = b.slice(j, ej);
    if (numeric) {
      x = x.replace(/^0+/, "");
      y = y.replace(/^0+/, "");
      if (x.length !== y.length) return x.length > y.length ? 1 : -1;
    }
    if (x !== y) return x < y ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** [epoch:]version[-release] → its parts; the epoch is 0 when absent. */
function evr(text: string): { epoch: number; version: string; release: string | undefined } {
  const colon = /^(\d+):(.*)$/.exec(text);
  const epoch = colon ? Number(colon[1]) : 0;
  const rest = colon ? colon[2]! : text;
  const dash = rest.lastIndexOf("-");
  return dash < 0 ? { epoch, version: rest, release: undefined } : { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

/** RPM's order of two EVRs; a release missing on either side is not compared (as rpm does for a requirement). */
export function compareRpm(a: string, b: string): number {
  const x = evr(a);
  const y = evr(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  const version = rpmvercmp(x.version, y.version);
  if (version !== 0 || x.release === undefined || y.release === undefined) return version;
  return rpmvercmp(x.release, y.release);
}

function compare(ordering: Exclude<Ordering, "semver" | "pep440">, a: string, b: string): number {
  if (ordering === "rpm") return compareRpm(a, b);
  if (ordering === "maven") return Math.sign((require("mvncmp") as { compare(a: string, b: string): number }).compare(a, b));
  if (deb === undefined) throw new Error("prepareOrdering('deb') was not awaited");
  return Math.sign(deb.sync(a, b));
}

const COMPARISON = /^(<=|>=|==|!=|<|>|=)?\s*(.+)$/;

/** The comparisons of a range: [alternatives][all of]; undefined when it is not one. */
function comparisons(range: string): { op: string; version: string }[][] | undefined {
  const alternatives = range.split("||").map((part) =>
    part
      .trim()
      // "> = 1.0" or ">= 1.0": the operator belongs to the version after it.
      .replace(/(<=|>=|==|!=|<|>|=)\s+/g, "$1")
      .split(/[\s,]+/)
      .filter((c) => c !== ""),
  );
  const out: { op: string; version: string }[][] = [];
  for (const all of alternatives) {
    if (all.length === 0) return undefined;
    const parsed: { op: string; version: string }[] = [];
    for (const c of all) {
      const m = COMPARISON.exec(c);
      if (!m || !/^[0-9]/.test(m[2]!)) return undefined;
      parsed.push({ op: m[1] ?? "=", version: m[2]! });
    }
    out.push(parsed);
  }
  return out;
}

/**
 * Whether `version` is in `range` under the ordering; undefined when the range cannot be read in that
 * ordering (the caller asks for a check by hand) or the version is not one.
 */
export function inRange(version: string, range: string, ordering: Ordering): boolean | undefined {
  if (ordering === "semver") {
    const r = semver.validRange(range, { loose: true });
    const v = semver.coerce(version, { loose: true });
    if (r === null || v === null) return undefined;
    return semver.satisfies(v, r, { loose: true });
  }
  if (ordering === "pep440") {
    const pep440 = require("@renovatebot/pep440") as { satisfies(v: string, r: string): boolean; validRange(r: string): boolean; valid(v: string): string | null };
    if (!pep440.validRange(range) || pep440.valid(version) === null) return undefined;
    return pep440.satisfies(version, range);
  }
  const parsed = comparisons(range);
  if (parsed === undefined) return undefined;
  const withoutEpoch = version.replace(/^\d+:/, "");
  return parsed.some((all) =>
    all.every(({ op, version: bound }) => {
      const epochs = ordering === "maven" || /^\d+:/.test(bound);
      const c = compare(ordering, epochs ? version : withoutEpoch, bound);
      switch (op) {
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        case ">=":
          return c >= 0;
        case "!=":
          return c !== 0;
        default:
          return c === 0;
      }
    }),
  );
}

/** Whether a tender's range can be read at all in one of the orderings (for the message when none can). */
export function rangeReadable(range: string, ordering: Ordering): boolean {
  if (ordering === "semver") return semver.validRange(range, { loose: true }) !== null;
  if (ordering === "pep440") return (require("@renovatebot/pep440") as { validRange(r: string): boolean }).validRange(range);
  return comparisons(range) !== undefined;
}
