// Flags that take JSON inline or from a file (`@answers.json`), like curl's -d.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { OrchestratorError } from "@orchestrator/sdk";

export function readJsonArgument(flag: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  let text = value;
  let source = `--${flag}`;
  if (value.startsWith("@")) {
    const path = resolve(value.slice(1));
    source = `--${flag} file ${path}`;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new OrchestratorError(
        "ORCH_INPUT_FILE_UNREADABLE",
        `Cannot read ${source}: ${(error as Error).message}.`,
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OrchestratorError(
      "ORCH_INVALID_JSON",
      `${source} is not valid JSON: ${(error as Error).message}. Pass a JSON object inline ('{"User": {"tag": "USER"}}') or a file (@answers.json).`,
    );
  }
}
