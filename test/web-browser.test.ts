/**
 * The web interview in a real browser (headless Chromium from Debian, driven by playwright-core): a French
 * interview with every family, a minimal English tender by keyboard alone, and a broken answers file
 * uploaded. Every page is checked by axe-core, for what the Content-Security-Policy refused, and at 390 px
 * (helpers/browser.ts); the annex downloaded is compared, byte for byte, with what `clausier build` makes
 * of the answers file downloaded with it. No clause wording is relied on: ids, structure and bytes only.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { clauseLibrary } from "../src/clauses/library.js";
import { startServer, type RunningServer } from "../src/web/server.js";
import { CheckedPage, launchBrowser } from "./helpers/browser.js";
import { englishIn } from "./helpers/english.js";
import { ROOT, runMain, tempDir } from "./helpers/run.js";

const field = (prefix: string, ...path: (string | number)[]): string => `[name="${prefix}${path.map((p) => `[${p}]`).join("")}"]`;
const next = "main form#interview button.primary";

/** Clicks a button that downloads, and saves the file. */
async function download(page: Page, selector: string, folder: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** The annex `clausier build` makes of the answers file: it must be the one downloaded, byte for byte. */
async function expectSameAsBuild(answers: string, annex: string): Promise<void> {
  const built = join(tempDir(), "built.docx");
  const r = await runMain(["build", answers, "-o", built]);
  expect(r.status, r.stderr).to.equal(0);
  expect(readFileSync(annex).equals(readFileSync(built)), "the annex downloaded is the one clausier build writes from the answers downloaded").to.equal(true);
}

/** Waits until an expression holds in the page (evaluated through the debugging protocol: the page's policy forbids eval). */
async function until(page: Page, expression: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await page.evaluate(expression)) === true) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`never true in the page: ${expression}`);
}

/** Types a licence search and picks one of the licences found (radio or box). */
async function searchAndPick(page: Page, path: (string | number)[], term: string, id: string, list = false): Promise<void> {
  await page.fill(field("q", ...path), term);
  const option = `${field("a", ...path, ...(list ? [""] : []))}[value="${id}"]`;
  await page.waitForSelector(option);
  await page.check(option);
}

describe("the interview in a web browser (clausier serve, headless Chromium)", function () {
  this.timeout(180_000);
  let browser: Browser;
  let server: RunningServer;

  before(async () => {
    browser = await launchBrowser();
    server = await startServer({ host: "127.0.0.1", port: 0, library: clauseLibrary(), language: "en", allowDraft: false, folder: ROOT, report: (t) => process.stderr.write(`${t}\n`) });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(name: string): Promise<CheckedPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(8000);
    const page = new CheckedPage(await context.newPage(), name);
    await page.page.goto(server.url);
    return page;
  }

  it("a French interview with every family: a refused licence replaced, a step back from the review, both files downloaded, the annex as build makes it", async () => {
    const checked = await open("fr");
    const { page } = checked;
    const french: string[] = [];
    const step = async (name: string): Promise<void> => {
      await checked.check(name);
      // Identifiers are not words: clause ids (in <code>) and answers' paths, which `explain` also prints in French.
      const text = (await page.evaluate("(() => { const b = document.body.cloneNode(true); b.querySelectorAll('code').forEach((e) => e.remove()); return b.innerText ?? b.textContent; })()")) as string;
      french.push(...englishIn(text.replace(/\([a-zA-Z]+[.[][\w.[\]]*\)/g, ""), ["Clausier"]).map((w) => `${name}: ${w}`));
    };
    await checked.check("language");
    await page.check("#language-fr");
    await page.click(next);
    await step("tender");
    expect(await page.getAttribute("html", "lang")).to.equal("fr");
    await page.fill(field("a", "tender", "title"), "Plateforme de gestion du réseau");
    await page.fill(field("a", "tender", "reference"), "RESEAU-2027-01");
    await page.fill(field("a", "tender", "buyer"), "Régie des réseaux");
    // Checked as it is typed, with validate's words, before anything is sent.
    await page.fill(field("a", "tender", "issueDate"), "2027-13-15");
    await until(page, "document.getElementById('f-tender-issueDate-problem').textContent.includes('2027-13-15')");
    await step("tender-typed-wrong");
    await page.fill(field("a", "tender", "issueDate"), "2027-01-15");
    await until(page, "document.getElementById('f-tender-issueDate-problem').textContent === ''");
    await page.click(next);

    await step("families");
    const panel = async (): Promise<string> => page.locator("#panel-content .summary").innerText();
    const before = await panel();
    for (const box of await page.locator('input[name="ticked[]"][type="checkbox"]').all()) await box.check();
    // The side panel follows the boxes ticked, before the page is sent.
    await until(page, `document.querySelector('#panel-content .summary').innerText !== ${JSON.stringify(before)}`);
    expect(await page.locator("#panel-content ol.clauses li").count()).to.be.greaterThan(4);
    await page.click(next);

    await step("licence-policy");
    await searchAndPick(page, ["licensePolicy", "deny"], "SSPL", "SSPL-1.0", true);
    await step("licence-policy-search");
    await page.click(next);

    await step("governance");
    await page.check(`${field("a", "governance", "foundations", "")}[value="Eclipse Foundation"]`);
    await page.fill(field("o", "governance", "foundations"), "Fondation Exemple");
    await page.click(next);

    await step("components");
    await page.fill(field("a", "components", 0, "name"), "Moteur cartographique");
    await page.fill(field("a", "components", 0, "purpose"), "Afficher le réseau");
    await searchAndPick(page, ["components", 0, "license"], "GPL-3.0-only", "GPL-3.0-only");
    await page.check(`${field("a", "components", 0, "governance")}[value="Eclipse Foundation"]`);
    await page.fill(field("a", "components", 0, "justification"), "Interopérabilité avec le système existant");
    await page.click(next);
    // Refused by the policy (strong copyleft is not accepted): pick another one.
    await page.waitForSelector(field("d", "components", 0, "license"));
    await step("components-refused");
    await page.check(`${field("d", "components", 0, "license")}[value="another:GPL-3.0-only"]`);
    await page.click(next);
    expect(await page.isChecked(`${field("a", "components", 0, "license")}[value="GPL-3.0-only"]`).catch(() => false), "the refused licence is not kept").to.equal(false);
    // Enter in the search box searches (the page is sent with the search, the answers typed kept).
    await page.fill(field("q", "components", 0, "license"), "Apache-2");
    await Promise.all([page.waitForEvent("load"), page.press(field("q", "components", 0, "license"), "Enter")]);
    await page.waitForSelector(`${field("a", "components", 0, "license")}[value="Apache-2.0"]`);
    expect(await page.locator("main .problems").count(), "a search, not the page sent on").to.equal(0);
    expect(await page.inputValue(field("a", "components", 0, "name"))).to.equal("Moteur cartographique");
    await page.check(`${field("a", "components", 0, "license")}[value="Apache-2.0"]`);
    await page.click(next);

    await step("open-source");
    await page.fill(field("a", "openSource", "needs"), "Cartographie du réseau\nGestion des interventions");
    await page.click(next);
    for (const name of ["compliance", "sbom", "security", "upstream"]) {
      await step(name);
      await page.click(next);
    }
    await step("publication");
    await page.check(`${field("a", "buyerDistribution", "license")}[value="EUPL-1.2"]`);
    await page.check(`${field("a", "buyerDistribution", "documentationLicense")}[value="etalab-2.0"]`);
    await page.click(next);
    for (const name of ["rights", "exit"]) {
      await step(name);
      await page.click(next);
    }
    await step("remedies");
    await page.fill(field("a", "remedies", "penalties", "currency"), "EUR");
    await page.click(next);
    // A currency brings the penalties: the page shows them, the answers above kept.
    await step("remedies-penalties");
    expect(await page.inputValue(field("a", "remedies", "penalties", "currency"))).to.equal("EUR");
    await page.fill(field("a", "remedies", "penalties", "sbomLatePerDay"), "100");
    await page.click(next);

    await step("review");
    expect(await page.locator("main h1").count()).to.equal(1);
    expect(await page.locator("ol.clauses.full li").count(), "the clauses of the annex").to.be.greaterThan(5);
    // A step back from the review: every answer kept, the review again.
    await page.click('main button[name="go"][value="section:governance"]');
    await step("governance-again");
    expect(await page.isChecked(`${field("a", "governance", "foundations", "")}[value="Fondation Exemple"]`)).to.equal(true);
    await page.check(`${field("a", "governance", "foundations", "")}[value="OW2"]`);
    await page.click('main button[name="go"][value="section:review"]');
    await step("review-again");
    const review = await checked.text();
    for (const kept of ["Moteur cartographique", "Apache-2.0", "OW2", "Fondation Exemple", "EUPL-1.2", "Gestion des interventions"]) expect(review).to.contain(kept);

    const folder = tempDir("web-fr-");
    const answers = await download(page, 'form[action="download/answers"] button', folder);
    const annex = await download(page, 'form[action="download/annex"] button', folder);
    expect(annex.endsWith("RESEAU-2027-01.docx")).to.equal(true);
    const written = parseYaml(readFileSync(answers, "utf8")) as Record<string, Record<string, unknown>>;
    expect(written["tender"]?.["language"]).to.equal("fr");
    expect(written["governance"]).to.deep.equal({ required: true, foundations: ["Eclipse Foundation", "Fondation Exemple", "OW2"] });
    expect((written["components"] as unknown as Record<string, unknown>[])[0]?.["license"]).to.equal("Apache-2.0");
    expect(written["licensePolicy"]?.["deny"]).to.deep.equal(["SSPL-1.0"]);
    expect(Object.keys(written)).to.include.members(["openSource", "compliance", "security", "upstream", "buyerDistribution", "ipRights", "exit", "remedies"]);
    await expectSameAsBuild(answers, annex);
    expect(french, "no English word on a French page").to.deep.equal([]);
  });

  it("a two-minute English tender, by keyboard alone: its answers and nothing else, the annex as build makes it", async () => {
    const checked = await open("en");
    const { page } = checked;
    /** Presses Tab until the element is focused, as a person without a mouse does. */
    const tabTo = async (selector: string): Promise<void> => {
      for (let i = 0; i < 80; i++) {
        if (await page.locator(selector).evaluate((el) => el === el.ownerDocument.activeElement)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`${selector} cannot be reached with Tab`);
    };
    await checked.check("language");
    await tabTo("#language-en");
    await page.keyboard.press("Enter");
    await page.waitForSelector(field("a", "tender", "title"));
    await checked.check("tender");
    for (const [name, value] of [["title", "Intranet search engine"], ["reference", "MIN-2026-001"], ["buyer", "Ministry of Examples"]] as const) {
      await tabTo(field("a", "tender", name));
      await page.keyboard.type(value);
    }
    await page.keyboard.press("Enter");
    await page.waitForSelector('input[name="ticked[]"][type="checkbox"]');
    await checked.check("families");
    for (const id of ["licensePolicy", "openSource"]) {
      await tabTo(`#family-${id}`);
      await page.keyboard.press("Space");
    }
    await tabTo(next);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`${field("a", "licensePolicy", "allowedClasses", "")}[value="permissive"]`);
    await checked.check("licence-policy");
    await tabTo(`${field("a", "licensePolicy", "allowedClasses", "")}[value="strong-copyleft"]`);
    await page.keyboard.press("Space");
    await tabTo(next);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`${field("a", "openSource", "scope")}[value="all"]`);
    await checked.check("open-source");
    await tabTo(`${field("a", "openSource", "scope")}[value="partial"]`);
    await page.keyboard.press("ArrowDown");
    await tabTo(next);
    await page.keyboard.press("Enter");
    await page.waitForSelector('form[action="download/annex"] button');
    await checked.check("review");
    const folder = tempDir("web-en-");
    await tabTo('form[action="download/annex"] button');
    const [annexFile] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    const annex = join(folder, annexFile.suggestedFilename());
    await annexFile.saveAs(annex);
    await tabTo('form[action="download/answers"] button');
    const [answersFile] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    const answers = join(folder, answersFile.suggestedFilename());
    await answersFile.saveAs(answers);
    // The answers of the two-minute tender (examples/minimal.yaml when this was written), and nothing else.
    expect(parseYaml(readFileSync(answers, "utf8"))).to.deep.equal({
      schemaVersion: 1,
      tender: { title: "Intranet search engine", reference: "MIN-2026-001", buyer: "Ministry of Examples", language: "en" },
      openSource: { scope: "all" },
      licensePolicy: { definition: ["osi", "fsf"], allowedClasses: ["permissive", "weak-copyleft", "strong-copyleft"] },
    });
    await expectSameAsBuild(answers, annex);
  });

  it("an answers file with errors: its findings with their lines on the page, the answers given before kept, the file taken up to be corrected", async () => {
    const checked = await open("upload");
    const { page } = checked;
    await page.click(next);
    await page.fill(field("a", "tender", "title"), "A tender typed before the upload");
    await page.click('nav button[value="section:language"]');
    // The picker speaks the page's language, not the browser's: its button, and the name of the file chosen.
    expect(await page.locator(".file-picker").innerText()).to.match(/Choose a file…\s+No file chosen/);
    await page.setInputFiles("#upload-file", {
      name: "broken.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(
        "schemaVersion: 1\ntender:\n  title: From the file\n  reference: B-1\n  buyer: Somebody\n  language: en\n  issueDate: 2026-13-45\ncomponents:\n  - name: X\n    purpose: Y\n    license: NOT-A-LICENCE\n",
      ),
    });
    expect(await page.locator("#upload-chosen").innerText()).to.equal("broken.yaml");
    await checked.check("upload-chosen");
    await page.click('form[action="upload"] button');
    await checked.check("upload-findings");
    const shown = await page.locator(".upload .problems").innerText();
    expect(shown).to.contain("broken.yaml");
    expect(shown).to.match(/line 7\b/).and.to.match(/line 11\b/);
    // Nothing lost: the answers typed before are still those of the interview.
    await page.click('nav button[value="section:tender"]');
    expect(await page.inputValue(field("a", "tender", "title"))).to.equal("A tender typed before the upload");
    // And the file can be taken up to be corrected, as clausier new --from does.
    await page.click('nav button[value="section:language"]');
    await page.setInputFiles("#upload-file", { name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from("schemaVersion: 1\ntender:\n  title: From the file\n  language: en\n  issueDate: 2026-13-45\n") });
    await page.click('form[action="upload"] button');
    await page.click(".upload .problems button");
    await checked.check("taken-up");
    expect(await page.inputValue(field("a", "tender", "title"))).to.equal("From the file");
    await page.click(next);
    await checked.check("taken-up-problems");
    expect(await page.locator(".problems li").count(), "the answers still wrong, listed").to.be.greaterThan(0);
    // An error is a page too, checked like the others.
    await page.goto(new URL("no-such-page", server.url).href);
    await checked.check("not-found");
    expect(await page.locator("main a").getAttribute("href")).to.equal("./");
  });
});
