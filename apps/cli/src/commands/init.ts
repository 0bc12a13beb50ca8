import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { Args } from "@oclif/core";
import { initProject } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../base-command.ts";

const GITIGNORE_LINE = ".orchestrator/";

export default class Init extends BaseCommand<typeof Init> {
  static override summary =
    "Start a project: config, a products module, migrations, package.json and tsconfig.";
  static override description = helpWithExitCodes(
    "Writes what a project needs and does not have yet: orchestrator.config.ts, products/index.ts (with a commented example product), migrations/, a package.json with @orchestrator/sdk and @orchestrator/cli as dependencies, a tsconfig.json that type-checks the models as Node 24 runs them, and a .gitignore entry for .orchestrator/ (the embedded database). Nothing is overwritten: every file that already exists is kept, and listed.",
  );
  // It opens no database and finds no config: the project flags do not apply.
  // (Typed as the base's flags: BaseCommand's helpers that read them are never called here.)
  static override baseFlags = {} as typeof BaseCommand.baseFlags;
  static override args = {
    dir: Args.string({ description: "Folder of the project (created when missing)", default: "." }),
  };
  static override examples = ["<%= config.bin %> init", "<%= config.bin %> init my-orchestrator"];

  async run(): Promise<{
    dir: string;
    created: string[];
    skipped: string[];
    appended: string[];
    next: string[];
  }> {
    const dir = resolve(this.args.dir);
    // The packages that run this command are the ones the project depends on.
    const range = `^${this.config.version}`;
    const result = initProject(dir, {
      dependencies: { "@orchestrator/cli": range, "@orchestrator/sdk": range },
    });
    const shown = (path: string) => relative(process.cwd(), path) || ".";
    for (const path of result.created) this.say(`Created ${shown(path)}`);
    for (const path of result.appended) this.say(`Added ${GITIGNORE_LINE} to ${shown(path)}`);
    for (const path of result.skipped) this.say(`Kept ${shown(path)} (it already exists)`);
    const manifest = resolve(dir, "package.json");
    if (result.skipped.includes(manifest) && !declaresModules(manifest)) {
      this.say(
        `\nNote: ${shown(manifest)} does not say "type": "module". The config and the products are ES modules; without it Node warns and parses them twice. Add it with: npm pkg set type=module`,
      );
    }
    const next = nextCommands(dir, result.created.includes(resolve(dir, "package.json")));
    this.say("\nNext:");
    for (const command of next) this.say(`  ${command}`);
    return { dir, ...result, next };
  }
}

/** Whether a package.json makes its .ts files ES modules, as the config and the products are written. */
function declaresModules(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { type?: unknown }).type === "module";
  } catch {
    // Not JSON: npm will say so on its own; the hint here would be the least of the problems.
    return true;
  }
}

/** What to run once the products are defined: the orchestrator's schema, the first migration, applying it. */
function nextCommands(dir: string, installFirst: boolean): string[] {
  const prefix = [
    ...(relative(process.cwd(), dir) ? [`cd ${relative(process.cwd(), dir)}`] : []),
    ...(installFirst ? ["npm install"] : []),
  ].join(" && ");
  const first = "npx orchestrator db upgrade heads";
  return [
    prefix ? `${prefix} && ${first}` : first,
    'npx orchestrator db migrate-domain-models "Add my products"   # after editing products/index.ts',
    "npx orchestrator db upgrade heads",
  ];
}
