// The "Orchestrator products" view: the database's products (orchestrator/products) → their fixed inputs
// and product blocks → each block's resource types. Read on demand; refreshed on every status change.

import { LIST_PRODUCTS } from "@orchestrator/language-server/protocol";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

/** The fields of the SDK's ProductView this view shows. */
interface ProductView {
  name: string;
  description: string;
  product_type: string;
  tag: string;
  status: string;
  fixed_inputs: { name: string; value: string }[];
  product_blocks: {
    name: string;
    description?: string;
    resource_types: { resource_type: string; description: string | null }[];
  }[];
}

type Node =
  | { kind: "product"; product: ProductView }
  | { kind: "fixed-input"; name: string; value: string }
  | { kind: "block"; block: ProductView["product_blocks"][number] }
  | { kind: "resource-type"; name: string; description: string | null }
  | { kind: "message"; text: string; detail?: string };

export class ProductsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  private readonly client: () => LanguageClient | undefined;

  constructor(client: () => LanguageClient | undefined) {
    this.client = client;
  }

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.products();
    switch (node.kind) {
      case "product":
        return [
          ...node.product.fixed_inputs.map(
            (fi): Node => ({ kind: "fixed-input", name: fi.name, value: fi.value }),
          ),
          ...node.product.product_blocks.map((block): Node => ({ kind: "block", block })),
        ];
      case "block":
        return node.block.resource_types.map((rt) => ({
          kind: "resource-type",
          name: rt.resource_type,
          description: rt.description,
        }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const { Collapsed, None } = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case "product":
        return item(node.product.name, Collapsed, "package", {
          description: `${node.product.product_type} · ${node.product.tag} · ${node.product.status}`,
          tooltip: node.product.description,
        });
      case "fixed-input":
        return item(node.name, None, "symbol-constant", {
          description: `= ${node.value}`,
          tooltip: "fixed input",
        });
      case "block":
        return item(node.block.name, Collapsed, "symbol-class", { tooltip: node.block.description });
      case "resource-type":
        return item(node.name, None, "symbol-field", {
          description: node.description ?? "",
          tooltip: "resource type",
        });
      case "message":
        return item(node.text, None, "info", { tooltip: node.detail });
    }
  }

  private async products(): Promise<Node[]> {
    const client = this.client();
    if (!client?.isRunning())
      return [{ kind: "message", text: "The orchestrator language server is not running." }];
    try {
      const products = await client.sendRequest<ProductView[]>(LIST_PRODUCTS);
      if (products.length === 0) return [{ kind: "message", text: "No products in the database." }];
      return products.map((product) => ({ kind: "product", product }));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return [{ kind: "message", text: "Could not read the products.", detail }];
    }
  }
}

function item(
  label: string,
  state: vscode.TreeItemCollapsibleState,
  icon: string,
  extra: { description?: string; tooltip?: string },
): vscode.TreeItem {
  const treeItem = new vscode.TreeItem(label, state);
  treeItem.iconPath = new vscode.ThemeIcon(icon);
  treeItem.description = extra.description;
  treeItem.tooltip = extra.tooltip;
  return treeItem;
}
