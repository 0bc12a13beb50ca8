import { initProject } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";

export default class DbInit extends BaseCommand<typeof DbInit> {
  static override summary = "Set up a project: a migrations folder and a commented orchestrator.config.ts.";
  static override description = helpWithExitCodes(
    "Creates ./migrations and ./orchestrator.config.ts in the current folder when they are missing. Refuses a migrations folder that is not empty, so nothing you have is overwritten.",
  );
  static override examples = ["<%= config.bin %> db init"];

  async run(): Promise<{ created: string[]; skipped: string[] }> {
    const result = initProject(process.cwd());
    for (const path of result.created) this.say(`Created ${path}`);
    for (const path of result.skipped) this.say(`Kept ${path} (it already exists)`);
    this.say("Next: define your products, then run `orchestrator db upgrade heads`.");
    return result;
  }
}
