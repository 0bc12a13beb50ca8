import { listProducts, type ProductView, plural } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../base-command.ts";
import { style, table } from "../ui/style.ts";

export default class Products extends BaseCommand<typeof Products> {
  static override summary =
    "List the products in the database, as the orchestrator's metadata page shows them.";
  static override description = helpWithExitCodes(
    "Each product with its tag, type, status, fixed inputs and product blocks with their resource types. --json prints the orchestrator API's /api/products objects.",
  );
  static override examples = ["<%= config.bin %> products", "<%= config.bin %> products --json"];

  async run(): Promise<ProductView[]> {
    const project = await this.project();
    const products = await this.withDatabase(project, listProducts);
    if (products.length === 0) {
      this.say("No products in the database yet.");
    } else {
      this.say(
        table(
          ["NAME", "DESCRIPTION", "TAG", "TYPE", "STATUS", "FIXED INPUTS", "PRODUCT BLOCKS"],
          products.map((product) => [
            product.name,
            product.description,
            product.tag,
            product.product_type,
            product.status,
            product.fixed_inputs.map((fi) => `${fi.name} = ${fi.value}`).join(", "),
            product.product_blocks
              .map(
                (block) => `${block.name} (${block.resource_types.map((rt) => rt.resource_type).join(", ")})`,
              )
              .join("; "),
          ]),
        ),
      );
      this.say(style.dim(plural(products.length, "product")));
    }
    return products;
  }
}
