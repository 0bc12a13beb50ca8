import { describe, expect, it } from "vitest";
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from "./exit-codes.ts";

describe("exit codes", () => {
  it("maps SDK error codes to the documented exit codes", () => {
    expect(exitCodeFor("ORCH_MISSING_ANSWERS")).toBe(EXIT.unanswered);
    expect(exitCodeFor("ORCH_DATABASE_LOCKED")).toBe(EXIT.databaseUnavailable);
    expect(exitCodeFor("ORCH_MIGRATION_CHANGED")).toBe(EXIT.migrationFailed);
    expect(exitCodeFor("ORCH_CONFIG_NOT_FOUND")).toBe(EXIT.invalidProject);
    expect(exitCodeFor("ORCH_DUPLICATE_BLOCK_NAME")).toBe(EXIT.invalidProject);
    expect(exitCodeFor("ORCH_INVALID_JSON")).toBe(EXIT.invalidInput);
  });

  it("documents every exit code in --help", () => {
    for (const code of Object.values(EXIT)) expect(EXIT_CODES_HELP).toMatch(new RegExp(`^  ${code}  `, "m"));
  });
});
