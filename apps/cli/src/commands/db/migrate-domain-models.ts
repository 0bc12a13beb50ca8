import { Args, Flags } from "@oclif/core";
import {
  assertNoPendingMigrations,
  type ChangeSet,
  compareWithDatabase,
  type ExpectedAnswer,
  expectedAnswer,
  type GeneratedMigration,
  generateMigration,
  MissingAnswersError,
  parseUpdates,
  readRestoreRows,
} from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { CancelledError } from "../../cancellation.ts";
import { readJsonArgument } from "../../json-argument.ts";
import { renderChangeTree } from "../../ui/change-tree.ts";
import { confirmOnTerminal } from "../../ui/confirm.ts";
import { renderImpact } from "../../ui/impact.ts";
import { style } from "../../ui/style.ts";
import { renderRenameCandidates, renderUnanswered } from "../../ui/unanswered-questions.ts";

interface Result {
  changes: ChangeSet;
  questions: { id: string; kind: string; prompt: string; answer?: string; source?: string }[];
  /** --test: the questions nobody answered, with the placeholder that stands in for each in the plan. */
  unanswered: {
    id: string;
    kind: string;
    prompt: string;
    expected: ExpectedAnswer;
    default?: string;
    placeholder: string;
    inputsPath?: string[];
  }[];
  upgrade: string[];
  downgrade: string[];
  file: string | null;
  /** --inputs and --updates entries this database did not need (kept for others). */
  unusedInputs: string[];
}

export default class DbMigrateDomainModels extends BaseCommand<typeof DbMigrateDomainModels> {
  static override summary =
    "Generate a migration that brings the database's product metadata in line with the domain models.";
  static override description = helpWithExitCodes(
    `Compares the registry with the database, asks what the models do not say (descriptions, tags, fixed-input values, default values for existing instances, renames), and writes <timestamp>_<slug>.ts with upgrade and downgrade SQL into the migrations folder. Apply it with \`orchestrator db upgrade heads\`.

Answers come from --updates/--inputs first, then from the models (description, tag, fixedInputs, renamedFrom), then from prompts. Without a terminal, unanswered questions stop the command before anything is written (exit 3; with --json the missing answers are printed in the --inputs shape).

--test writes nothing and asks nothing, not even to confirm deletions: it lists the questions nobody answered (with the kind of answer expected and any default) and the renames it would ask about (nothing is renamed without --updates), and prints the changes and the upgrade and downgrade SQL with a placeholder for each missing answer, such as <default for UserBlock.age: integer> (exit 0; with --json they are listed under "unanswered").`,
  );
  static override args = {
    message: Args.string({
      description: 'What the migration does, e.g. "Add User and UserGroup products"',
      required: true,
    }),
  };
  static override flags = {
    test: Flags.boolean({
      description:
        "Write nothing, ask nothing: list the unanswered questions and print the changes and the SQL, with placeholders for missing answers",
    }),
    inputs: Flags.string({
      description:
        'Answers as JSON, inline or @file (reference shape: {"<product>": {"description", "tag", "<fixed input>"}, …})',
    }),
    updates: Flags.string({
      description:
        'Renames as JSON, inline or @file: {"resource_types": {old: new}, "block_resource_types": {block: {old: new}}, "fixed_inputs": {product: {old: new}}}',
    }),
    "confirm-warnings": Flags.boolean({
      description:
        "Together with --yes: confirm deleting products, blocks or resource types that hold data, and filling lists that existing instances hold fewer elements of than their .min()",
      aliases: ["confirm-deletions"],
    }),
    yes: Flags.boolean({
      char: "y",
      description: "Do not ask for the final confirmation (never confirms deleting data on its own)",
    }),
  };
  static override examples = [
    '<%= config.bin %> db migrate-domain-models "Add User and UserGroup products"',
    '<%= config.bin %> db migrate-domain-models "Add User and UserGroup products" --inputs @answers.json',
    '<%= config.bin %> db migrate-domain-models "Rename age" --updates \'{"resource_types": {"age": "years"}}\' --test',
  ];

  async run(): Promise<Result> {
    const { test, yes } = this.flags;
    const inputs = readJsonArgument("inputs", this.flags.inputs);
    // Parsed before the database is opened: a malformed --updates stops the command without reading anything.
    const updates = parseUpdates(readJsonArgument("updates", this.flags.updates));
    const project = await this.project();
    // Read everything needed, then release the database before anyone is asked anything.
    const { model, comparison, restoreRows } = await this.withModelAndDatabase(project, async (db, model) => {
      await assertNoPendingMigrations(db, project.migrationsDir);
      // The diff applies --updates, so the counts read are those of the renamed change set.
      const comparison = await compareWithDatabase(db, model, updates);
      // Read while the database is open, so that a migration that removes rows need not open it again.
      return { model, comparison, restoreRows: await readRestoreRows(db, comparison.changes) };
    });
    if (test) this.say(`${style.bold("NOTE:")} Running in test mode. No migration file will be generated.\n`);

    const interactive = this.interactive;
    let generated: GeneratedMigration;
    try {
      generated = await generateMigration(project, comparison, model, {
        message: this.args.message,
        inputs,
        updates,
        // --test asks nothing: what nobody answered is shown, and stood in for, by placeholders. The
        // prompt library is loaded only when someone will be asked.
        ...(test
          ? { placeholders: true }
          : interactive
            ? { resolver: new (await import("../../ui/prompt-resolver.ts")).PromptResolver() }
            : {}),
        confirmDeletions: yes && this.flags["confirm-warnings"],
        ...(yes && this.flags["confirm-warnings"] ? { fillListsToMin: true } : {}),
        write: !test,
        confirm: async (plan) => this.#confirm(plan, interactive, yes),
        // The change set after renames removes no more than the one read for: those rows hold its rows.
        readRestoreRows: async () => restoreRows,
      });
    } catch (error) {
      if (error instanceof MissingAnswersError) {
        // The SDK names its options; say which flags answer the confirmations here.
        if (error.questions.some((q) => q.kind === "confirm-deletions" || q.kind === "confirm-list-fill"))
          error.message +=
            " On the command line, --yes --confirm-warnings confirms them (or answer the prompt).";
        if (this.jsonEnabled())
          Object.assign(error, { toJSON: () => ({ questions: error.toInputsShape() }) });
      }
      throw error;
    }
    this.#reportUnused(generated.unusedInputs);
    if (generated.nothingToDo) {
      this.say("Nothing to do: the database matches the domain models.");
    } else if (test) {
      if (generated.unanswered.length > 0) this.say(`${renderUnanswered(generated.unanswered)}\n`);
      const renames = renderRenameCandidates(generated.changes.renameCandidates);
      if (renames) this.say(`${renames}\n`);
      this.say(renderChangeTree(generated.changes));
      this.say(`\n${style.bold("Upgrade")}\n${generated.upgrade.join(";\n")};`);
      this.say(`\n${style.bold("Downgrade")}\n${generated.downgrade.join(";\n")};`);
    } else if (generated.file) {
      this.say(`\nMigration generated: ${generated.file}`);
      this.say(
        "Don't forget to create a database backup before migrating! Then run `orchestrator db upgrade heads`.",
      );
    } else {
      // "No" at the final confirmation: an exit code of its own, so a script can tell.
      throw new CancelledError();
    }
    return {
      changes: generated.changes,
      questions: generated.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        ...(q.answer !== undefined ? { answer: q.answer } : {}),
        ...(q.source ? { source: q.source } : {}),
      })),
      unanswered: generated.unanswered.map((q) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        expected: expectedAnswer(q),
        ...(q.default !== undefined ? { default: q.default } : {}),
        placeholder: q.answer ?? "",
        ...(q.inputsPath ? { inputsPath: q.inputsPath } : {}),
      })),
      upgrade: generated.upgrade,
      downgrade: generated.downgrade,
      file: generated.file,
      unusedInputs: generated.unusedInputs,
    };
  }

  /** On stderr, so that stdout stays the migration's output; --json carries them as unusedInputs. */
  #reportUnused(unused: readonly string[]): void {
    if (unused.length === 0 || this.jsonEnabled()) return;
    const lines = unused.map((entry) => `  ${entry}`).join("\n");
    process.stderr.write(
      `${style.bold("Not needed for this database (kept for others):", process.stderr)}\n${lines}\n`,
    );
  }

  /** Shows the change tree and the impact on existing data, then asks (interactive, without --yes). */
  async #confirm(plan: GeneratedMigration, interactive: boolean, yes: boolean): Promise<boolean> {
    this.say(`\n${renderChangeTree(plan.changes)}`);
    const impact = renderImpact(plan.impact);
    if (impact) this.say(`\n${impact}`);
    if (!interactive || yes) return true;
    return confirmOnTerminal("Confirm the above actions");
  }
}
