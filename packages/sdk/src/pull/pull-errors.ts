// Why `models pull` writes nothing. Wording lives here (static factories), codes are stable.
import { OrchestratorError } from "../errors.ts";
import { plural } from "../plural.ts";

export class PullError extends OrchestratorError {
  /** Files that are in the way, relative to the output folder (for --json). */
  readonly files?: string[];

  constructor(code: string, message: string, files?: string[]) {
    super(code, message);
    if (files) this.files = files;
  }

  static wouldOverwrite(outDir: string, files: readonly string[]): PullError {
    const shown = files.slice(0, 5).join(", ") + (files.length > 5 ? `, and ${files.length - 5} more` : "");
    return new PullError(
      "ORCH_PULL_WOULD_OVERWRITE",
      `Not pulling into ${outDir}: ${plural(files.length, "file")} there would be overwritten (${shown}). ` +
        "Nothing was written. Pass --out with an empty folder, or --force to replace them.",
      [...files],
    );
  }

  static notAFolder(outDir: string): PullError {
    return new PullError(
      "ORCH_PULL_OUT_NOT_A_FOLDER",
      `Not pulling into ${outDir}: it is a file, not a folder. Nothing was written. Pass --out with a folder.`,
    );
  }

  static nothingToPull(): PullError {
    return new PullError(
      "ORCH_PULL_NO_PRODUCTS",
      "The database has no products, so there is nothing to pull. Nothing was written. " +
        "Point --database-url at the database that holds the product catalogue.",
    );
  }

  static unrepresentableNames(names: readonly { what: string; name: string }[]): PullError {
    const listed = names.map(({ what, name }) => `${what} ${JSON.stringify(name)}`).join(", ");
    return new PullError(
      "ORCH_PULL_INVALID_FIELD_NAME",
      `Cannot pull: the field names of the model must start with a letter and hold only letters, digits and ` +
        `underscores, and these names from the database do not: ${listed}. Nothing was written. ` +
        "Rename them in the database (a migration of your own: `orchestrator db revision`), then pull again.",
    );
  }

  toJSON(): Record<string, unknown> {
    return this.files ? { files: this.files } : {};
  }
}
