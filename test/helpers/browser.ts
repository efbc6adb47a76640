/**
 * A real browser for the web interview's tests: Debian's Chromium (/usr/bin/chromium, installed by .ci/run),
 * driven by playwright-core, which downloads nothing. Every page visited is checked the same way: axe-core
 * (injected from node_modules through the debugging protocol, so that the page's Content-Security-Policy
 * still holds for the page itself) reports no serious or critical violation, the policy refused nothing the
 * page asked for, and at 390 px wide nothing is wider than the screen. With CLAUSIER_SCREENSHOTS=<folder>,
 * each page is also photographed at 1280 and 390 px.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { requireTool } from "./run.js";

export const CHROMIUM = "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  requireTool(CHROMIUM, "chromium");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** A browser page that records what the Content-Security-Policy refused, and checks every page it shows. */
export class CheckedPage {
  readonly refused: string[] = [];
  readonly visited: string[] = [];
  private shots = 0;

  constructor(
    readonly page: Page,
    private readonly name: string,
  ) {
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) this.refused.push(m.text());
    });
  }

  /** Checks the page as it stands now: accessibility, policy, narrow width; a screenshot at both widths when asked. */
  async check(step: string): Promise<void> {
    const page = this.page;
    await page.waitForLoadState("load");
    this.visited.push(step);
    await page.evaluate(axeSource);
    // Strings, not functions: they run in the page, whose globals the compiler does not know.
    const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    if (serious.length > 0) throw new Error(`${this.name}, ${step}: accessibility violations:\n${serious.join("\n")}`);
    if (this.refused.length > 0) throw new Error(`${this.name}, ${step}: the Content-Security-Policy refused:\n${this.refused.join("\n")}`);
    const folder = process.env["CLAUSIER_SCREENSHOTS"];
    const number = String(++this.shots).padStart(2, "0");
    if (folder) await page.screenshot({ path: join(folder, `${this.name}-${number}-${step}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = (await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")) as number;
    if (folder) await page.screenshot({ path: join(folder, `${this.name}-${number}-${step}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    if (overflow > 0) throw new Error(`${this.name}, ${step}: at 390 px the page is ${overflow} px wider than the screen`);
  }

  /** The text a person reads on the page. */
  async text(): Promise<string> {
    return this.page.locator("body").innerText();
  }
}
