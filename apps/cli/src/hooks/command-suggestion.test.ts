import { closestName } from "@orchestrator/sdk";
import { describe, expect, it } from "vitest";
import { commandSuggestion } from "./command-suggestion.ts";

const IDS = ["db:diff", "db:downgrade", "db:migrate-domain-models", "db:upgrade", "init", "models:pull"];
const suggest = (id: string) => commandSuggestion(id, IDS, "orchestrator", closestName);

describe("commandSuggestion", () => {
  it("names the close command, and only the words that were the command", () => {
    expect(suggest("db:upgrad:heads")).toBe(
      "`orchestrator db upgrad` is not a command. Did you mean `orchestrator db upgrade`?",
    );
  });

  it("completes a command cut short when only one command starts that way", () => {
    expect(suggest("db:migrat")).toContain("Did you mean `orchestrator db migrate-domain-models`?");
  });

  it("db migrate and migrate name both commands they could mean", () => {
    for (const id of ["db:migrate", "db:migrate:heads", "migrate"]) {
      const message = suggest(id);
      expect(message).toContain("db migrate-domain-models");
      expect(message).toContain("db upgrade heads");
      expect(message).not.toContain("Did you mean");
    }
  });

  it("without a close command, points to the help of the topic typed", () => {
    expect(suggest("db:frobnicate")).toBe(
      "`orchestrator db frobnicate` is not a command. `orchestrator db --help` lists the commands.",
    );
    expect(suggest("frobnicate")).toBe(
      "`orchestrator frobnicate` is not a command. `orchestrator --help` lists the commands.",
    );
  });
});
