// `orchestrator init`: scaffolds a working project. Only what is missing is written; every file that
// already exists is kept as it is and reported, so running it in an existing project changes nothing of
// yours (a .gitignore only gains the .orchestrator/ line when it lacks it).
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { DEFAULT_MIGRATIONS, DEFAULT_REGISTRY } from "./define-config.ts";
import { InitError } from "./init-errors.ts";
import {
  CONFIG_TEMPLATE,
  GITIGNORE_ENTRY,
  packageJsonTemplate,
  REGISTRY_TEMPLATE,
  TSCONFIG_TEMPLATE,
} from "./project-templates.ts";

export interface InitResult {
  /** Absolute paths written (or, for .gitignore, appended to). */
  created: string[];
  /** Absolute paths that already existed and were left untouched. */
  skipped: string[];
  /** Existing files that gained a line: a .gitignore without the .orchestrator/ entry. */
  appended: string[];
}

export interface InitOptions {
  /** Dependencies of a package.json written when there is none: the orchestrator's packages. */
  dependencies?: Record<string, string>;
}

export function initProject(dir: string, options: InitOptions = {}): InitResult {
  const root = resolve(dir);
  // Checked before anything is written: a file where a folder belongs stops init with nothing written.
  for (const folder of [root, dirname(resolve(root, DEFAULT_REGISTRY)), resolve(root, DEFAULT_MIGRATIONS)]) {
    if (existsSync(folder) && !statSync(folder).isDirectory()) throw InitError.notAFolder(folder);
  }
  mkdirSync(root, { recursive: true });
  const result: InitResult = { created: [], skipped: [], appended: [] };
  const writeNew = (path: string, content: string): void => {
    if (existsSync(path)) {
      result.skipped.push(path);
      return;
    }
    mkdirSync(resolve(path, ".."), { recursive: true });
    // "wx": a file that appeared meanwhile is not overwritten either.
    writeFileSync(path, content, { flag: "wx" });
    result.created.push(path);
  };

  writeNew(resolve(root, "orchestrator.config.ts"), CONFIG_TEMPLATE);
  writeNew(resolve(root, DEFAULT_REGISTRY), REGISTRY_TEMPLATE);
  const migrationsDir = resolve(root, DEFAULT_MIGRATIONS);
  if (existsSync(migrationsDir)) {
    result.skipped.push(migrationsDir);
  } else {
    mkdirSync(migrationsDir, { recursive: true });
    result.created.push(migrationsDir);
  }
  writeNew(resolve(root, "package.json"), packageJsonTemplate(packageName(root), options.dependencies ?? {}));
  writeNew(resolve(root, "tsconfig.json"), TSCONFIG_TEMPLATE);
  ignoreLocalState(resolve(root, ".gitignore"), result);
  return result;
}

/** Adds `.orchestrator/` to .gitignore unless a line already ignores it. */
function ignoreLocalState(gitignore: string, result: InitResult): void {
  const existing = existsSync(gitignore) ? readFileSync(gitignore, "utf8") : undefined;
  const ignored = existing
    ?.split(/\r?\n/)
    .map((line) => line.trim())
    .some((line) => line === GITIGNORE_ENTRY || line === ".orchestrator" || line === "/.orchestrator/");
  if (ignored) {
    result.skipped.push(gitignore);
    return;
  }
  const separator = existing === undefined || existing === "" || existing.endsWith("\n") ? "" : "\n";
  appendFileSync(gitignore, `${separator}${GITIGNORE_ENTRY}\n`);
  (existing === undefined ? result.created : result.appended).push(gitignore);
}

/** An npm package name from the folder's name: lower case, and only the characters npm allows. */
function packageName(root: string): string {
  const name = basename(root)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+/, "");
  return name || "orchestrator-project";
}
