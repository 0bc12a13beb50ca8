// Issue 15: the metadata pages of `orchestrator serve` in Debian's chromium (playwright-core, as the
// VS Code tests drive it): the workshop's products, search, sorting, an expanded row with its fixed
// input and block tree, the keyboard tabs, then `db downgrade` in another process and a reload.
// Screenshots are kept in test-artifacts/serve/. No request may leave the server: the pages bring
// every asset themselves.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import type { TestProject } from "../helpers/projects.ts";
import { type ServeProcess, startServe } from "../helpers/serve.ts";
import { createWorkshopProject } from "../helpers/workshop-project.ts";

/** Waits for what the page shows; the bound only stops a broken page from hanging the run (busy machines are slow). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });

const CHROMIUM_BIN = process.env.ORCHESTRATOR_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/serve/", import.meta.url));
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

describe("serve's metadata pages in chromium (embedded database)", () => {
  let project: TestProject;
  let server: ServeProcess;
  let browser: Browser;
  let page: Page;
  let step = 0;
  const outside: string[] = [];
  const screenshot = async (name: string) => {
    const path = join(ARTIFACTS, `${String(++step).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  };
  const productRows = () => page.locator("#panel-products tbody th.name");
  const loaded = () => page.locator('body[data-loaded="true"]').waitFor({ timeout: 30_000 });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_BIN))
      throw new Error(
        `chromium is missing at ${CHROMIUM_BIN}: install it with scripts/install-editor-tools.sh`,
      );
    rmSync(ARTIFACTS, { recursive: true, force: true }); // only this run's screenshots
    mkdirSync(ARTIFACTS, { recursive: true });
    project = await createWorkshopProject("pglite");
    server = await startServe(project.dbFlags, { cwd: project.dir });
    browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await project?.dispose();
  });

  it("shows the three products, searches, sorts and expands a product to its block tree", async () => {
    await page.goto(server.url);
    await loaded();
    // Sorted by name in the reader's locale, so case does not split the list.
    await poll(() => productRows().allTextContents()).toEqual([
      "User external",
      "User Group",
      "User internal",
    ]);
    await poll(() => page.locator("#check").textContent()).toBe("Models, migrations and database agree.");
    await screenshot("products");

    const search = page.getByRole("searchbox", { name: "Search products" });
    await search.fill("internal");
    await poll(() => productRows().allTextContents()).toEqual(["User internal"]);
    await search.fill("");

    await page.locator("#panel-products").getByRole("button", { name: "Tag" }).click();
    await poll(() => productRows().allTextContents()).toEqual([
      "User Group",
      "User external",
      "User internal",
    ]);
    await page.locator("#panel-products").getByRole("button", { name: "Tag" }).click();
    await poll(() => productRows().allTextContents()).toEqual([
      "User internal",
      "User external",
      "User Group",
    ]);
    await poll(() => page.locator("#panel-products th[aria-sort='descending']").textContent()).toBe("Tag");

    await page.getByRole("button", { name: "User internal" }).click();
    const detail = page.locator("#panel-products tr.detail");
    await poll(() => detail.textContent()).toContain("affiliation: internal");
    await poll(() => detail.textContent()).toContain("UserBlock → UserGroupBlock");
    await screenshot("user-internal-expanded");
  });

  it("moves between tabs with the keyboard and shows what a block depends on and what uses it", async () => {
    await page.getByRole("tab", { name: "Products" }).focus();
    await page.keyboard.press("ArrowRight");
    await poll(() => page.getByRole("tab", { name: "Product blocks" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    const blocks = page.locator("#panel-product-blocks");
    await poll(() => blocks.isVisible()).toBe(true);
    const userBlockRow = blocks.locator("tbody tr", {
      has: page.getByRole("button", { name: "UserBlock", exact: true }),
    });
    await poll(() => userBlockRow.textContent()).toContain("UserGroupBlock");
    await page.getByRole("button", { name: "UserGroupBlock", exact: true }).click();
    await poll(() => blocks.locator("tr.detail").textContent()).toMatch(/In use by\s*UserBlock/);
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot("product-blocks-dark");
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("tab", { name: "Product blocks" }).focus();
    await page.keyboard.press("End");
    await poll(() => page.getByRole("tab", { name: "Workflows" }).getAttribute("aria-selected")).toBe("true");
  });

  it("shows the products gone after `db downgrade` in another process, on reload", async () => {
    const down = await runCli(["db", "downgrade", ...project.dbFlags], { cwd: project.dir });
    expect(down.code, down.stderr).toBe(0);
    await page.reload();
    await loaded();
    await poll(() => page.locator("#panel-products caption").textContent()).toBe("Products: 0 of 0");
    await poll(() => page.locator("#check").textContent()).toMatch(/^1 migration is pending \(/);
    await screenshot("after-downgrade");
  });

  it("loaded nothing from outside the server", () => {
    expect(outside).toEqual([]);
  });
});
