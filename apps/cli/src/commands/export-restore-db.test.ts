import { once } from "node:events";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGzip, gunzipSync, gzipSync } from "node:zlib";
import { deleteRevision, type Engine, importDocument, openDatabase, seedIfEmpty } from "@duty/db";
import { createTestDatabaseUrl, SEED_DIR, seedDocuments, tableContents, testEngines, withBasicNotes } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../main.ts";
import { captureIo } from "../test-io.ts";

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");
const engines = testEngines();

/** Where a database lives: what `atlas` reads from DATABASE_URL / ATLAS_DATA_DIR. */
interface Place {
  databaseUrl: string;
  dataDir: string;
  drop(): Promise<void>;
}

async function emptyPlace(engine: Engine, dir: string, name: string): Promise<Place> {
  if (engine === "pglite") return { databaseUrl: "", dataDir: join(dir, name), drop: async () => {} };
  // atlasAt stubs DATABASE_URL per command; the server to create databases on is the real one.
  vi.unstubAllEnvs();
  const created = await createTestDatabaseUrl();
  return { databaseUrl: created.url, dataDir: join(dir, name), drop: created.drop };
}

async function atlasAt(place: Place, ...argv: string[]) {
  vi.stubEnv("DATABASE_URL", place.databaseUrl);
  vi.stubEnv("ATLAS_DATA_DIR", place.dataDir);
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

async function contentsAt(place: Place): Promise<Record<string, string[]>> {
  const opened = await openDatabase({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
  try {
    return await tableContents(opened.db);
  } finally {
    await opened.close();
  }
}

// Each test opens PGlite two or three times (seconds alone, over a minute on a shared machine under test load).
describe.each(engines)("atlas export-db / restore-db from %s", { timeout: 240_000 }, (engine) => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-backup-"));
  const dump = join(dir, "atlas.jsonl.gz");
  const places: Place[] = [];
  let source: Place;
  let original: Record<string, string[]>;
  beforeAll(async () => {
    source = await emptyPlace(engine, dir, "source");
    places.push(source);
    const opened = await openDatabase({ databaseUrl: source.databaseUrl, dataDir: source.dataDir });
    try {
      await seedIfEmpty(opened.db, seedDocuments);
      // Labels, effective dates, a second town and a deleted revision (a gap in the ids) must all survive.
      await importDocument(opened.db, Buffer.from(seedText.replace("加强基层阵地建设，优化提升服务能力", "加强基层阵地建设")), "v2.txt", {
        label: "2025 修订稿",
        effectiveDate: "2025-03-01",
      });
      const gone = await importDocument(opened.db, Buffer.from(seedText.replaceAll("兰州湾镇", "乐土驿镇")), "ltz.txt");
      await deleteRevision(opened.db, gone.revisionId);
      // With a 备注 on its first two basic rows, one holding a quote and a backslash the dump's JSON must escape.
      const bwc = withBasicNotes(seedText.replaceAll("兰州湾镇", "北五岔镇"), (seq) =>
        seq === 1 ? '按"月"报送\\汇总' : seq === 2 ? "重点" : "",
      );
      await importDocument(opened.db, Buffer.from(bwc), "bwc.txt", { effectiveDate: "2024-12-31" });
      original = await tableContents(opened.db);
    } finally {
      await opened.close();
    }
    const exported = await atlasAt(source, "export-db", dump);
    expect(exported).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^已备份到 .*atlas\.jsonl\.gz：\d+ 张表，共 \d+ 行（\d+ kB）$/u),
    });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    for (const place of places) await place.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(engines)("restores every table row for row into an empty %s database, and later imports get new ids", async (target) => {
    const place = await emptyPlace(target, dir, `restored-${target}`);
    places.push(place);
    const restored = await atlasAt(place, "restore-db", dump);
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/^已从 .* 恢复：\d+ 张表，共 \d+ 行$/u) });
    expect(original.revisions).toHaveLength(3);
    expect(original.duty_notes).toHaveLength(2);
    expect(await contentsAt(place)).toEqual(original);

    const opened = await openDatabase({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
    try {
      const added = await importDocument(opened.db, Buffer.from(seedText.replaceAll("兰州湾镇", "凉州户镇")), "lzh.txt");
      expect(added.created).toBe(true);
      const highest = Math.max(...original.revisions!.map((r) => (JSON.parse(r) as { id: number }).id));
      expect(added.revisionId).toBeGreaterThan(highest);
    } finally {
      await opened.close();
    }
  });

  it("refuses a database that holds rows unless --force, which replaces them", async () => {
    const place = await emptyPlace(engine, dir, "busy");
    places.push(place);
    // A database someone already used: `atlas stats` imports data/lists into it.
    expect((await atlasAt(place, "stats")).code).toBe(0);
    const before = await contentsAt(place);
    const refused = await atlasAt(place, "restore-db", dump);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^atlas restore-db: 数据库不是空的.*the database is not empty \(1 revision\(s\), \d+ rows in \d+ tables\); add --force to replace its contents$/u,
    );
    expect(await contentsAt(place)).toEqual(before);
    expect((await atlasAt(place, "restore-db", dump, "--force")).code).toBe(0);
    expect(await contentsAt(place)).toEqual(original);
  });

  it("rejects a cut-off dump and leaves the database as it was", async () => {
    const place = await emptyPlace(engine, dir, "cut");
    places.push(place);
    const lines = gunzipSync(readFileSync(dump)).toString("utf8").split("\n");
    const cut = join(dir, "cut.jsonl.gz");
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join("\n")));
    const result = await atlasAt(place, "restore-db", cut);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /cut\.jsonl\.gz: dump line \d+: the file ends where .* should be .*（数据库未改动 \/ the database is unchanged）$/u,
    );
    const after = await contentsAt(place);
    expect(Object.values(after).flat()).toEqual([]);
  });

  /** The dump with `edit` applied to each row line of `table`, as a new gzip file. */
  const edited = (name: string, table: string, edit: (row: Record<string, unknown>, index: number) => Record<string, unknown>): string => {
    const lines = gunzipSync(readFileSync(dump)).toString("utf8").split("\n");
    let inTable = false;
    let index = 0;
    const out = lines.map((line) => {
      const parsed = line ? (JSON.parse(line) as Record<string, unknown>) : null;
      if (parsed && ("table" in parsed || "end" in parsed) && typeof parsed.rows !== "object") {
        inTable = parsed.table === table;
        return line;
      }
      return inTable && parsed ? JSON.stringify(edit(parsed, index++)) : line;
    });
    const file = join(dir, name);
    writeFileSync(file, gzipSync(out.join("\n")));
    return file;
  };

  it("refuses a dump whose rollups were inflated (towns counted 1,000 times) and leaves the database empty", async () => {
    const place = await emptyPlace(engine, dir, "inflated");
    places.push(place);
    const inflated = edited("inflated.jsonl.gz", "region_counts", (row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k !== "region_id" && typeof v === "number" ? v * 1000 : v])),
    );
    const result = await atlasAt(place, "restore-db", inflated);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /inflated\.jsonl\.gz: region_counts: 汇总与按事项重新统计的结果不符.*（数据库未改动 \/ the database is unchanged）$/u,
    );
    expect(Object.values(await contentsAt(place)).flat()).toEqual([]);
  });

  it("refuses a dump whose content hash is no SHA-256, and leaves the database empty", async () => {
    const place = await emptyPlace(engine, dir, "forged");
    places.push(place);
    const forged = edited("forged.jsonl.gz", "revisions", (row, i) => (i === 0 ? { ...row, content_hash: "forged" } : row));
    const result = await atlasAt(place, "restore-db", forged);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/forged\.jsonl\.gz: revisions \d+: 内容哈希 “forged” 不是 SHA-256/u);
    expect(Object.values(await contentsAt(place)).flat()).toEqual([]);
  });

  it("refuses a well-formed content hash that is not the SHA-256 of the stored file, and leaves the database empty", async () => {
    const place = await emptyPlace(engine, dir, "other-hash");
    places.push(place);
    const forged = edited("other-hash.jsonl.gz", "revisions", (row, i) => (i === 0 ? { ...row, content_hash: "0".repeat(64) } : row));
    const result = await atlasAt(place, "restore-db", forged);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/other-hash\.jsonl\.gz: revisions \d+: 内容哈希与保存的原文件不符/u);
    expect(Object.values(await contentsAt(place)).flat()).toEqual([]);
  });

  it("refuses a gzip bomb (one 300 MB line in a few hundred KB) and leaves the database empty", async () => {
    const place = await emptyPlace(engine, dir, "bomb");
    places.push(place);
    const lines = gunzipSync(readFileSync(dump)).toString("utf8").split("\n");
    const bomb = join(dir, "bomb.jsonl.gz");
    // The header, then one line of 300 MB of "a", compressed chunk by chunk (300 MB never sits in memory).
    const gzip = createGzip({ level: 9 });
    const written = new Promise<void>((done, fail) => gzip.pipe(createWriteStream(bomb)).on("finish", done).on("error", fail));
    gzip.write(`${lines[0]}\n`);
    const block = "a".repeat(1024 * 1024);
    for (let i = 0; i < 300; i++) if (!gzip.write(block)) await once(gzip, "drain");
    gzip.end();
    await written;
    expect(statSync(bomb).size).toBeLessThan(1024 * 1024);
    // How little of it is read before the refusal: packages/db/src/dump-lines.test.ts.
    const result = await atlasAt(place, "restore-db", bomb);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/bomb\.jsonl\.gz: dump line 2: longer than 1000000 characters/u);
    expect(Object.values(await contentsAt(place)).flat()).toEqual([]);
  });
});
