// Checks pulled model files the way the repository checks its own: TypeScript (the repository's tsc,
// resolving @orchestrator/sdk through test/node_modules as a user's project would) and Biome with the
// repository's formatter and linter settings.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(REPOSITORY, "node_modules", "typescript", "bin", "tsc");
const BIOME = join(REPOSITORY, "node_modules", "@biomejs", "biome", "bin", "biome");

export interface ToolResult {
  code: number | null;
  output: string;
}

/** `tsc --noEmit` over every .ts file under `folder` (relative to `projectDir`). */
export function typecheck(projectDir: string, folder: string): ToolResult {
  writeFileSync(
    join(projectDir, "tsconfig.pull.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2023",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        erasableSyntaxOnly: true,
        verbatimModuleSyntax: true,
        noUncheckedIndexedAccess: true,
        types: [],
      },
      include: [`${folder}/**/*.ts`],
    }),
  );
  return run(TSC, ["-p", "tsconfig.pull.json"], projectDir);
}

/**
 * `biome check` (format, lint, import order) with the repository's settings. The repository's own config
 * skips test/.tmp, so the settings are copied into a config of their own.
 */
export function biomeCheck(projectDir: string, folder: string): ToolResult {
  const repositoryConfig = JSON.parse(readFileSync(join(REPOSITORY, "biome.json"), "utf8"));
  const configDir = join(projectDir, ".biome-config");
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, "biome.json"),
    JSON.stringify({ formatter: repositoryConfig.formatter, linter: repositoryConfig.linter }),
  );
  return run(BIOME, ["check", "--config-path", configDir, "--error-on-warnings", folder], projectDir);
}

/** Every file under `dir` with its bytes, by relative path. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = readFileSync(path, "utf8");
  }
  return files;
}

function run(script: string, args: string[], cwd: string): ToolResult {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
