// "Install from a release tarball", as a user outside this repository does it: the three packages are
// packed with `pnpm pack` (scripts/pack.sh), installed with plain npm into an empty folder under the
// system's temp folder (no workspace above it), and the workshop runs through `npx orchestrator`. Needs
// the npm registry for the packages' own dependencies; everything else is local. About 70 s on two
// cores with npm's cache warm; allow 2-3 min with a cold cache (as in CI, whose HOME is empty).
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = join(REPO, "apps/example-orchestrator");
const PACKAGES = {
  "@orchestrator/sdk": join(REPO, "packages/sdk"),
  "@orchestrator/cli": join(REPO, "apps/cli"),
  "@orchestrator/language-server": join(REPO, "packages/language-server"),
};

/** This Node first on PATH (npm's and npx's `#!/usr/bin/env node` must find 24), no developer database. */
function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // pnpm sets npm_* variables for the scripts it runs; npm would take them as its own settings.
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith("npm_")) delete env[key];
  delete env.DATABASE_URL;
  return {
    ...env,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
    NO_COLOR: "1",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end; a failure is returned (not thrown) so the test can show what it printed. */
async function sh(command: string, args: string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd,
      env: environment(),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : -1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? String(error),
    };
  }
}

function describeOutcome(what: string, outcome: Outcome): string {
  return `${what} exited ${outcome.code}\n--- stdout ---\n${outcome.stdout}\n--- stderr ---\n${outcome.stderr}`;
}

async function succeed(command: string, args: string[], cwd: string): Promise<Outcome> {
  const outcome = await sh(command, args, cwd);
  expect(outcome.code, describeOutcome(`${command} ${args.join(" ")}`, outcome)).toBe(0);
  return outcome;
}

describe("the packages installed from their tarballs with npm, outside the workspace", () => {
  let work: string;
  let packs: string;
  let project: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "orchestrator-install-"));
    packs = join(work, "packs");
    project = join(work, "my-orchestrator");
    mkdirSync(packs);
    mkdirSync(project);
    // The README's way to make them: scripts/pack.sh (pnpm pack of each package).
    await succeed("bash", [join(REPO, "scripts/pack.sh"), packs], REPO);
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("packs manifests as npm would publish them: no workspace: ranges, Node >= 24, license, repository", async () => {
    const tarballs = readdirSync(packs).filter((name) => name.endsWith(".tgz"));
    expect(tarballs.sort()).toEqual([
      "orchestrator-cli-0.1.0.tgz",
      "orchestrator-language-server-0.1.0.tgz",
      "orchestrator-sdk-0.1.0.tgz",
    ]);
    for (const tarball of tarballs) {
      const { stdout } = await succeed("tar", ["-xzOf", join(packs, tarball), "package/package.json"], packs);
      expect(stdout, tarball).not.toContain("workspace:");
      const manifest = JSON.parse(stdout) as Record<string, unknown>;
      expect(manifest.engines, tarball).toEqual({ node: ">=24" });
      expect(manifest.license, tarball).toBe("MIT");
      expect(manifest.repository, tarball).toMatchObject({ type: "git" });
      expect(manifest.private, tarball).toBeUndefined();
      const { stdout: files } = await succeed("tar", ["-tzf", join(packs, tarball)], packs);
      expect(files.split("\n"), tarball).toContain("package/LICENSE");
      // Built JavaScript and declarations only: no TypeScript sources, no tests.
      expect(files, tarball).not.toMatch(/\.test\.|^package\/src\//m);
    }
  });

  it("installs with npm, starts a project with `npx orchestrator init` and runs the workshop", async () => {
    const tarballs = readdirSync(packs).map((name) => join(packs, name));
    await succeed("npm", ["install", "--loglevel=error", ...tarballs], project);

    // Every file a package's `exports` and `bin` name was shipped, declarations included.
    for (const name of Object.keys(PACKAGES)) {
      const root = join(project, "node_modules", name);
      const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
        exports?: Record<string, string | Record<string, string>>;
        bin?: Record<string, string>;
      };
      const targets = Object.entries({ ...manifest.exports, ...manifest.bin }).flatMap(([entry, target]) =>
        (typeof target === "string" ? [target] : Object.values(target)).map((file) => [entry, file] as const),
      );
      expect(targets.length, name).toBeGreaterThan(0);
      for (const [entry, file] of targets)
        expect(existsSync(join(root, file)), `${name} ${entry} -> ${file}`).toBe(true);
    }

    // And every JavaScript entry loads in plain Node, outside the workspace (a missing dependency shows here).
    const entries = [
      "@orchestrator/sdk",
      "@orchestrator/sdk/model",
      "@orchestrator/sdk/testing",
      "@orchestrator/language-server",
      "@orchestrator/language-server/protocol",
    ];
    const script = `for (const entry of ${JSON.stringify(entries)}) await import(entry);`;
    await succeed(process.execPath, ["--input-type=module", "-e", script], project);

    const init = await succeed("npx", ["orchestrator", "init"], project);
    for (const file of [
      "orchestrator.config.ts",
      "products/index.ts",
      "migrations",
      "tsconfig.json",
      ".gitignore",
    ])
      expect(init.stdout).toContain(`Created ${file}`);
    // npm wrote package.json: kept, with the one change it needs named.
    expect(init.stdout).toContain("Kept package.json (it already exists)");
    expect(init.stdout).toContain("npm pkg set type=module");
    expect(readFileSync(join(project, ".gitignore"), "utf8")).toBe(".orchestrator/\n");
    await succeed("npm", ["pkg", "set", "type=module"], project);

    // The CLI's own not-found hook ships in the tarball: a typo is answered offline, with exit 2.
    const typo = await sh("npx", ["orchestrator", "db", "upgrad", "heads"], project);
    expect(typo.code, describeOutcome("npx orchestrator db upgrad heads", typo)).toBe(2);
    expect(typo.stderr).toContain("Did you mean `orchestrator db upgrade`?");

    // The scaffolded project as it is: its (empty) registry loads and the database gets the core schema.
    await succeed("npx", ["orchestrator", "db", "upgrade", "heads"], project);
    const empty = await succeed("npx", ["orchestrator", "db", "check"], project);
    expect(empty.stdout).toContain("agree");

    // The workshop's products and answers, then the workshop's commands.
    rmSync(join(project, "products"), { recursive: true });
    cpSync(join(EXAMPLE, "products"), join(project, "products"), { recursive: true });
    cpSync(join(EXAMPLE, "answers.json"), join(project, "answers.json"));
    const steps = [
      ["db", "migrate-domain-models", "Add User and UserGroup products", "--inputs", "@answers.json"],
      ["db", "upgrade", "heads"],
      ["products"],
      ["db", "check"],
    ];
    const outputs: Outcome[] = [];
    for (const step of steps) outputs.push(await succeed("npx", ["orchestrator", ...step], project));
    const [migrate, , products, check] = outputs;
    expect(migrate!.stdout).toMatch(/Migration generated: .*add_user_and_usergroup_products\.ts/);
    expect(products!.stdout).toMatch(/User internal\s+user administration - internal\s+USER_INT/);
    expect(check!.stdout).toContain("Models, migrations and database agree.");
    // Nothing on stderr that a user would have to read: no warnings from Node, pg or npm.
    for (const [index, outcome] of outputs.entries())
      expect(outcome.stderr, steps[index]!.join(" ")).toBe("");
  }, 600_000);

  it("type-checks the project with the tsconfig that init wrote, against the shipped declarations", async () => {
    // Runs after the workshop (same folder): the example products and the generated migration are checked.
    await succeed(
      "npm",
      ["install", "--loglevel=error", "--save-dev", "typescript@5.9.3", "@types/node@24.19.2"],
      project,
    );
    await succeed("npx", ["tsc", "-p", "tsconfig.json"], project);
  }, 300_000);
});
