// The files `orchestrator init` writes into a new project. Each one works as written: the config and the
// registry load, the tsconfig type-checks them the way Node 24 runs them (types stripped, .ts imports).
import { DEFAULT_MIGRATIONS, DEFAULT_REGISTRY } from "./define-config.ts";

export const CONFIG_TEMPLATE = `import { defineConfig } from "@orchestrator/sdk";

export default defineConfig({
  // The module exporting your products: SUBSCRIPTION_MODEL_REGISTRY (or the default export).
  registry: "${DEFAULT_REGISTRY}",
  // Your data migrations. The orchestrator's own schema migrations ship with @orchestrator/sdk.
  migrations: "${DEFAULT_MIGRATIONS}",
  // A postgresql:// URL. Unset, the embedded database in .orchestrator/db is used.
  // --database-url and the DATABASE_URL variable take precedence over this entry.
  database: process.env.DATABASE_URL,
});
`;

export const REGISTRY_TEMPLATE = `// Your products: product name -> product type. \`orchestrator db migrate-domain-models\` compares them
// with the database and writes the migration that makes the database match.
import { defineRegistry } from "@orchestrator/sdk";

// An example to start from: uncomment it (and its entry below), then run db migrate-domain-models.
//
// import { defineProductBlock, defineProductType, r } from "@orchestrator/sdk";
//
// /** A product block: the values (resource types) each subscription of the product holds. */
// export const UserBlock = defineProductBlock({
//   name: "UserBlock",
//   fields: {
//     username: r.string().requiredFrom("provisioning"),
//     user_id: r.int().requiredFrom("active"),
//   },
// });
//
// /** A product type: fixed inputs tell its products apart; blocks hold the values. */
// export const User = defineProductType({
//   name: "User",
//   fixedInputs: { affiliation: r.enum(["internal", "external"]) },
//   blocks: { settings: r.block(UserBlock) },
// });

export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({
  // "User internal": User,
});
`;

/** Type-checks the project as Node 24 runs it: no emit, erasable syntax only, imports that name .ts files. */
export const TSCONFIG_TEMPLATE = `${JSON.stringify(
  {
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
      types: ["node"],
    },
    include: ["orchestrator.config.ts", "products/**/*.ts", "migrations/**/*.ts"],
  },
  null,
  2,
)}\n`;

/** The development tools the tsconfig needs; the orchestrator's packages come from the caller. */
const DEV_DEPENDENCIES = { "@types/node": "^24.0.0", typescript: "^5.9.0" };

export function packageJsonTemplate(name: string, dependencies: Record<string, string>): string {
  const manifest = {
    name,
    private: true,
    type: "module",
    engines: { node: ">=24" },
    scripts: { typecheck: "tsc -p tsconfig.json" },
    dependencies,
    devDependencies: DEV_DEPENDENCIES,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The embedded database and other local state: never committed. */
export const GITIGNORE_ENTRY = ".orchestrator/";
