// Drives the VS Code workbench in Debian's chromium with playwright-core, through what a user sees:
// quick open, squiggles, the Problems panel, the quick-fix widget, input boxes, editor tabs. Every step
// can leave a screenshot in test-artifacts/vscode/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { CHROMIUM_BIN, REPO } from "./code-server.ts";

export const ARTIFACTS = join(REPO, "test-artifacts/vscode");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

export class Workbench {
  readonly screenshots: string[] = [];
  private step = 0;
  private readonly browser: Browser;
  readonly page: Page;

  private constructor(browser: Browser, page: Page) {
    this.browser = browser;
    this.page = page;
  }

  /** Opens `folder` in the code-server at `url` and waits for the workbench. */
  static async open(url: string, folder: string): Promise<Workbench> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM_BIN,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: 30_000 });
    await page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ timeout: 30_000 });
    return new Workbench(browser, page);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** A numbered screenshot (01-name.png, …); its path is printed and kept in `screenshots`. */
  async screenshot(name: string): Promise<string> {
    const path = join(ARTIFACTS, `${String(++this.step).padStart(2, "0")}-${name}.png`);
    await this.page.screenshot({ path });
    this.screenshots.push(path);
    console.log(`screenshot: ${path}`);
    return path;
  }

  /** Opens a workspace file by its relative path through Quick Open (Ctrl+P). */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split("/").pop()!;
    await this.commandPalette("", relativePath);
    const row = this.page.locator(".quick-input-widget .monaco-list-row").filter({ hasText: name }).first();
    await row.waitFor({ timeout: 15_000 });
    await this.page.keyboard.press("Enter");
    await this.activeTab(name).waitFor({ timeout: 15_000 });
    await this.editor().waitFor();
  }

  /** The active editor's text area (the focused Monaco editor). */
  editor(): Locator {
    return this.page.locator(".editor-group-container.active .monaco-editor").first();
  }

  activeTab(label: string | RegExp): Locator {
    return this.page.locator(".editor-group-container.active .tab.active").filter({ hasText: label });
  }

  /** Squiggles (error, warning, info) in the active editor. */
  squiggles(): Locator {
    return this.editor().locator(".squiggly-error, .squiggly-warning, .squiggly-info");
  }

  /** Squiggles on a 1-based line of the active editor (matched by their height against the line number). */
  async squigglesOnLine(line: number): Promise<number> {
    const number = this.editor()
      .locator(".line-numbers")
      .filter({ hasText: new RegExp(`^${line}$`) });
    const row = await number.boundingBox();
    if (!row) return 0;
    let count = 0;
    for (const squiggle of await this.squiggles().all()) {
      const box = await squiggle.boundingBox();
      if (box && box.y + box.height / 2 >= row.y && box.y + box.height / 2 <= row.y + row.height) count++;
    }
    return count;
  }

  /** Moves the cursor with Go to Line (Ctrl+G): 1-based line and column. */
  async goTo(line: number, column: number): Promise<void> {
    // A click below the text focuses the editor without hovering a symbol.
    await this.editor().click({ position: { x: 600, y: 400 } });
    await this.page.keyboard.press("Control+G");
    await this.page.locator(".quick-input-widget input").waitFor();
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press("Enter");
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden" });
  }

  /** Opens the Problems panel and returns the text of its rows. */
  async problems(): Promise<string[]> {
    const panel = this.page.locator(".markers-panel");
    if (!(await panel.isVisible())) await this.page.keyboard.press("Control+Shift+M");
    await panel.waitFor({ timeout: 10_000 });
    return panel.locator(".monaco-list-row").allTextContents();
  }

  /** Waits until a Problems row contains `text`; returns all rows. */
  async waitForProblem(text: string, timeout = 60_000): Promise<string[]> {
    await this.problems();
    await this.page
      .locator(".markers-panel .monaco-list-row")
      .filter({ hasText: text })
      .first()
      .waitFor({ timeout });
    return this.problems();
  }

  /** Ctrl+. at the cursor, then the quick fix whose title contains `title` (Ctrl+. again if the menu is late). */
  async quickFix(title: string, beforePick?: () => Promise<void>): Promise<void> {
    await this.page.mouse.move(1, 1);
    const row = this.page.locator(".action-widget .monaco-list-row").filter({ hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press("Control+.");
      try {
        await row.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.keyboard.press("Escape");
      }
    }
    await beforePick?.();
    await row.click();
  }

  /** The open quick input (input box or quick pick), if any: its title and prompt text. */
  async quickInput(timeout: number): Promise<{ title: string; prompt: string } | undefined> {
    const widget = this.page.locator(".quick-input-widget");
    try {
      await widget.waitFor({ state: "visible", timeout });
    } catch {
      return undefined;
    }
    const title =
      (await widget
        .locator(".quick-input-title")
        .textContent()
        .catch(() => "")) ?? "";
    const prompt = (
      await widget.locator(".quick-input-message, .quick-input-box input").allInnerTexts()
    ).join(" ");
    const placeholder = (await widget.locator(".quick-input-box input").getAttribute("placeholder")) ?? "";
    return { title, prompt: `${prompt} ${placeholder}`.trim() };
  }

  /** Types `answer` into the open input box and accepts it. */
  async answer(answer: string): Promise<void> {
    const input = this.page.locator(".quick-input-widget .quick-input-box input");
    await input.fill(answer);
    await this.page.keyboard.press("Enter");
    await this.page
      .locator(".quick-input-widget")
      .waitFor({ state: "hidden", timeout: 10_000 })
      .catch(() => {});
  }

  /** Opens the "Orchestrator products" view and expands `path` (product, block, …); returns the last row. */
  async showProductTree(path: string[]): Promise<Locator> {
    await this.page.locator('.activitybar .action-item a[aria-label^="Orchestrator"]').click();
    const view = this.page
      .locator(".pane")
      .filter({ has: this.page.locator(".pane-header", { hasText: "Products" }) });
    let row: Locator | undefined;
    for (const [index, label] of path.entries()) {
      row = view
        .locator(".monaco-list-row")
        .filter({ has: this.page.locator(".label-name", { hasText: new RegExp(`^${label}$`) }) })
        .first();
      await row.waitFor({ timeout: 15_000 });
      if (index < path.length - 1 && (await row.getAttribute("aria-expanded")) !== "true") await row.click();
    }
    return row!;
  }

  /** The status-bar item of the extension (the database and sync state). */
  statusItem(): Locator {
    return this.page.locator(".statusbar-item").filter({ hasText: /pglite|postgres|orchestrator/ });
  }

  private async commandPalette(prefix: string, text: string): Promise<void> {
    await this.page.keyboard.press("Control+P");
    const input = this.page.locator(".quick-input-widget .quick-input-box input");
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`${prefix}${text}`);
  }
}
