// `-y` means `--yes` in every command that has --yes (and nothing else anywhere), read from the built
// command manifest, so a command added later is held to it too.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Manifest {
  commands: Record<string, { flags: Record<string, { char?: string }> }>;
}

const manifest = JSON.parse(
  readFileSync(new URL("../../apps/cli/oclif.manifest.json", import.meta.url), "utf8"),
) as Manifest;

describe("-y", () => {
  it("is --yes in every command that has --yes", () => {
    const withYes = Object.entries(manifest.commands).filter(([, command]) => command.flags.yes);
    expect(withYes.map(([id]) => id)).toContain("db:migrate-domain-models");
    for (const [id, command] of withYes) expect(command.flags.yes?.char, id).toBe("y");
  });

  it("means nothing else in any command", () => {
    for (const [id, command] of Object.entries(manifest.commands)) {
      for (const [name, flag] of Object.entries(command.flags)) {
        if (flag.char === "y") expect(name, id).toBe("yes");
      }
    }
  });
});
