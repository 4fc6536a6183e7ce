/**
 * Run by import-crash.test.ts as a child process: imports one document through the ordinary
 * importDocument and freezes inside its transaction, printing "written" so the parent can SIGKILL
 * it right there. Where it freezes:
 *   steps   once the revision, duties, links and steps are written, before the rollups (mid-way);
 *   commit  once every write is done, rollups included, just before COMMIT.
 * Usage: node --import tsx test/import-crash-child.ts <document> steps|commit  (DATABASE_URL or ATLAS_DATA_DIR say where)
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { KyselyPlugin, QueryId } from "kysely";
import { openDatabase } from "../src/connect.ts";
import { importDocument } from "../src/write/import.ts";

const [file, at] = process.argv.slice(2);
if (!file || (at !== "steps" && at !== "commit"))
  throw new Error("usage: node --import tsx test/import-crash-child.ts <document> steps|commit");

async function freeze(): Promise<never> {
  process.stdout.write("written\n");
  // The timer keeps the process alive (PGlite holds no handle of its own); nothing resolves this.
  setInterval(() => {}, 60_000);
  return new Promise<never>(() => {});
}

const stepInserts = new WeakSet<QueryId>();
const freezeAfterSteps: KyselyPlugin = {
  transformQuery({ node, queryId }) {
    if (node.kind === "InsertQueryNode" && node.into?.table.identifier.name === "steps") stepInserts.add(queryId);
    return node;
  },
  async transformResult({ result, queryId }) {
    if (stepInserts.has(queryId)) await freeze();
    return result;
  },
};

const opened = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.ATLAS_DATA_DIR });
const bytes = readFileSync(file);
if (at === "steps") await importDocument(opened.db.withPlugin(freezeAfterSteps), bytes, basename(file));
// Given a transaction, the import writes into it and leaves COMMIT to its owner: here, never.
else await opened.db.transaction().execute(async (trx) => importDocument(trx, bytes, basename(file)).then(freeze));
// Reaching this line means the import never wrote a step: the parent waits for "written" and fails.
process.stdout.write("finished without freezing\n");
await opened.close();
