import { describe, expect, it } from "vitest";
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from "./exit-codes.ts";

describe("exit codes", () => {
  it("maps SDK error codes to the documented exit codes", () => {
    const error = (code: string, name = "OrchestratorError") => ({ code, name });
    expect(exitCodeFor(error("ORCH_MISSING_ANSWERS"))).toBe(EXIT.unanswered);
    expect(exitCodeFor(error("ORCH_DATABASE_LOCKED"))).toBe(EXIT.databaseUnavailable);
    expect(exitCodeFor(error("ORCH_MIGRATION_CHANGED"))).toBe(EXIT.migrationFailed);
    expect(exitCodeFor(error("ORCH_CONFIG_NOT_FOUND"))).toBe(EXIT.invalidProject);
    expect(exitCodeFor(error("ORCH_EMPTY_ENUM", "ModelError"))).toBe(EXIT.invalidProject);
    expect(exitCodeFor(error("ORCH_MODEL_IMPORT_FAILED", "RegistryLoadError"))).toBe(EXIT.invalidProject);
    expect(exitCodeFor(error("ORCH_INVALID_JSON"))).toBe(EXIT.invalidInput);
    expect(exitCodeFor(error("ORCH_CANCELLED", "CancelledError"))).toBe(130);
    expect(exitCodeFor(error("ORCH_DATABASE_NOT_ADOPTED", "AdoptError"))).toBe(9);
    expect(exitCodeFor(error("ORCH_CANNOT_ADOPT", "AdoptError"))).toBe(10);
    expect(exitCodeFor(error("ORCH_DATABASE_MISSING"))).toBe(11);
    expect(exitCodeFor(error("ORCH_DATABASE_CORRUPT"))).toBe(12);
    expect(exitCodeFor(error("ORCH_DATABASE_NOT_EMBEDDED"))).toBe(12);
    expect(exitCodeFor(error("ORCH_DATABASE_AUTH_FAILED"))).toBe(14);
    expect(exitCodeFor(error("ORCH_DATABASE_TLS_FAILED"))).toBe(EXIT.databaseUnavailable);
  });

  it("documents every exit code in --help", () => {
    for (const code of Object.values(EXIT))
      expect(EXIT_CODES_HELP).toMatch(new RegExp(`^  ${code} {1,2}\\S`, "m"));
  });
});
