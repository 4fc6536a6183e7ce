/**
 * Run by connect.test.ts as a child process: opens a PGlite data folder and holds it until killed,
 * printing "held <pid>" once it has it, or "refused: <message>" when the folder's lock refuses it.
 * Usage: node --import tsx test/hold-folder-child.ts <dataDir>
 */
import { connect } from "../src/connect.ts";

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: node --import tsx test/hold-folder-child.ts <dataDir>");

try {
  await connect({ databaseUrl: "", dataDir });
  process.stdout.write(`held ${process.pid}\n`);
  // Keeps the process (and the folder) until the parent kills it.
  setInterval(() => {}, 60_000);
} catch (err) {
  process.stdout.write(`refused: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(0);
}
