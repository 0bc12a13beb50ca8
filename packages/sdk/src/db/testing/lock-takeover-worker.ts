// One of several processes in the directory-lock stress test (directory-lock.test.ts). Each round it
// takes the lock, stays inside for a few file operations while checking that nobody else is inside,
// then "crashes": it leaves its lock behind naming a process that is dead, which the others must take
// over. Prints {"overlaps": n} at the end: how often another process was inside at the same time.
import { randomUUID } from "node:crypto";
import { renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { acquireDirectoryLock } from "../directory-lock.ts";

const [dir, roundsText, deadPidText] = process.argv.slice(2);
const rounds = Number(roundsText);
const deadPid = Number(deadPidText);
const lockPath = `${dir}.lock`;
const insideMarker = `${dir}.inside`;

let overlaps = 0;
for (let round = 0; round < rounds; round++) {
  const release = await acquireDirectoryLock(dir!, { timeoutMs: 120_000, pollMs: 1 });
  let entered = false;
  try {
    writeFileSync(insideMarker, String(process.pid), { flag: "wx" });
    entered = true;
  } catch {
    overlaps++;
  }
  // Some work inside, long enough for an overlapping process to show up.
  for (let i = 0; i < 5; i++) statSync(lockPath, { throwIfNoEntry: false });
  if (entered) unlinkSync(insideMarker);
  const crashed = `${lockPath}.${process.pid}.crash`;
  writeFileSync(
    crashed,
    JSON.stringify({ pid: deadPid, command: "crashed", since: "x", nonce: randomUUID() }),
  );
  renameSync(crashed, lockPath);
  release(); // no longer ours: leaves the crashed holder's file in place
}
process.stdout.write(JSON.stringify({ overlaps }));
