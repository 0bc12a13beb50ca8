// The migrations a project has, in the one order they apply: the SDK's core migrations first, then the
// project's data migrations by file name (a timestamp prefix keeps creation order). Each knows its
// checksum, so an applied migration whose text changed afterwards is caught before anything runs.
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CORE_MIGRATIONS } from "../db/core-migrations/index.ts";
import { compareNames } from "../sort-names.ts";
import type { MigrationClass } from "./migration.ts";
import { MigrationError } from "./migration-errors.ts";

export type MigrationKind = "core" | "data";
export type Direction = "up" | "down";

export interface MigrationSource {
  name: string;
  kind: MigrationKind;
  checksum: string;
  /** The file of a data migration. */
  file?: string;
  /** Statements for a core migration. */
  core?: { up: readonly string[]; down: readonly string[] };
  /** Checksums of earlier releases of a core migration, accepted as unchanged (CoreMigration). */
  formerChecksums?: readonly string[];
}

const MIGRATION_FILE = /^[^.].*\.(ts|mts|js|mjs)$/;

export function coreMigrationSources(): MigrationSource[] {
  return CORE_MIGRATIONS.map((migration) => ({
    name: migration.name,
    kind: "core",
    checksum: sha256(JSON.stringify({ up: migration.up, down: migration.down })),
    core: { up: migration.up, down: migration.down },
    ...(migration.formerChecksums ? { formerChecksums: migration.formerChecksums } : {}),
  }));
}

/** Whether an applied row's checksum is this source's, or one of its accepted earlier releases. */
export function hasChecksum(source: MigrationSource, checksum: string): boolean {
  return source.checksum === checksum || (source.formerChecksums?.includes(checksum) ?? false);
}

export function dataMigrationSources(dir: string): MigrationSource[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw MigrationError.notAFolder(dir);
  return readdirSync(dir)
    .filter((file) => MIGRATION_FILE.test(file) && !file.endsWith(".d.ts"))
    .sort(compareNames)
    .map((file) => {
      const path = join(dir, file);
      return { name: basename(file, extname(file)), kind: "data", checksum: fileChecksum(path), file: path };
    });
}

/** All migrations of a project in apply order. */
export function migrationSources(migrationsDir: string): MigrationSource[] {
  return [...coreMigrationSources(), ...dataMigrationSources(migrationsDir)];
}

export function fileChecksum(path: string): string {
  const bytes = readFileSync(path);
  // The bytes themselves when decoding would change nothing: valid UTF-8, no carriage return. A first
  // migration of a large catalogue is tens of megabytes, and every status check hashes it.
  if (!bytes.includes(CARRIAGE_RETURN) && isUtf8(bytes)) return sha256(bytes);
  // Line endings are normalised so a checkout with CRLF (git autocrlf) is not reported as changed.
  return sha256(bytes.toString("utf8").replace(/\r\n/g, "\n"));
}

const CARRIAGE_RETURN = 0x0d;

export async function loadMigrationClass(source: MigrationSource): Promise<MigrationClass> {
  const file = source.file!;
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw MigrationError.invalidFile(file, `it cannot be loaded (${(error as Error).message})`);
  }
  const candidates = [module.default, ...Object.values(module)].filter(isMigrationClass);
  if (candidates.length === 0) throw MigrationError.invalidFile(file, "it exports no migration class");
  return candidates[0]!;
}

function isMigrationClass(value: unknown): value is MigrationClass {
  return (
    typeof value === "function" &&
    typeof (value as { prototype?: { up?: unknown } }).prototype?.up === "function"
  );
}

/** A string is hashed as its UTF-8 bytes: the same digest as the bytes of a file that decodes to it. */
function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}
