import { dirname, relative, resolve } from "node:path";
import { Flags } from "@oclif/core";
import { type PullResult, plural, pullModels } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";

export default class ModelsPull extends BaseCommand<typeof ModelsPull> {
  static override summary =
    "Write domain-model files for the products, blocks and resource types the database holds.";
  static override description = helpWithExitCodes(
    "Writes index.ts (the registry, with each product's description, tag and fixed-input values), product_types/*.ts and product_blocks/*.ts, laid out like the workshop's products/ folder. Resource-type kinds are inferred from the values subscriptions hold; a comment above each field says what was seen. Refuses to write into a folder that has files unless --force is given.",
  );
  static override examples = [
    "<%= config.bin %> models pull",
    "<%= config.bin %> models pull --out products --force",
    "<%= config.bin %> models pull --database-url postgresql://localhost/orchestrator --json",
  ];
  static override flags = {
    out: Flags.string({
      description: "Folder to write into (default: the folder of the config's registry file)",
    }),
    force: Flags.boolean({ description: "Replace files already in the output folder", default: false }),
  };

  async run(): Promise<PullResult> {
    const project = await this.project();
    const outDir = this.flags.out ? resolve(this.flags.out) : dirname(project.registryFile);
    const result = await this.withDatabase(project, (db) =>
      pullModels(db, { outDir, force: this.flags.force }),
    );
    this.say(
      `Pulled ${plural(result.products, "product")} of ${plural(result.productTypes, "product type")}, ${plural(result.blocks, "product block")} and ${plural(result.resourceTypes, "resource type")} into ${relative(process.cwd(), outDir) || "."} (${plural(result.files.length, "file")}).`,
    );
    const { blocks, resourceTypes } = result.unreachable;
    if (blocks.length + resourceTypes.length > 0) {
      this.say(
        `Not pulled, because no product uses them: ${[...blocks.map((b) => `block "${b}"`), ...resourceTypes.map((rt) => `resource type "${rt}"`)].join(", ")}. \`db check\` reports them until they are deleted or used.`,
      );
    }
    const registry = resolve(outDir, "index.ts");
    if (registry !== project.registryFile) {
      this.say(
        `The config's registry is ${project.registryFile}: point it at ${registry} to use the pulled models.`,
      );
    }
    return result;
  }
}
