// Runs the type checker over the type-level tests, so `vitest run` fails when inference is wrong.
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

it("the type-level tests (infer.test-d.ts) type-check", () => {
  const configPath = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const file = fileURLToPath(new URL("./infer.test-d.ts", import.meta.url));
  const program = ts.createProgram([file], { ...config.options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
  const messages = diagnostics.map((d) => {
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  expect(messages).toEqual([]);
}, 60_000);
