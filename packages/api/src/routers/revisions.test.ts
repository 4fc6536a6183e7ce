import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openTestDatabase, SEED_DIR, type TestDatabase, testEngines } from "@duty/db/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../router.ts";
import { localContext } from "../context.ts";

const seedText = readFileSync(join(SEED_DIR, "xinjiang-changji-manas-lanzhouwan.txt"), "utf8");
const otherTown = seedText.replaceAll("兰州湾镇", "北五岔镇");

describe.each(testEngines())("revisions router (%s)", (engine) => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await openTestDatabase(engine, { seed: true });
  });
  afterAll(() => seeded?.close());

  it("lists and shows the seed revision", async () => {
    const api = createCaller(localContext(seeded.db, null));
    const { items, nextCursor } = await api.revisions.list();
    expect(nextCursor).toBeNull();
    const revision = await api.revisions.byId({ id: items[0]!.id });
    // Rows per list counted with awk (NF 3/6/4 over data rows): 109/100/37.
    expect(revision).toMatchObject({ town: "兰州湾镇", latest: true, counts: { basic: 109, coordinated: 100, reclaimed: 37 } });
    // The title names no province; the gazetteer puts 昌吉州 in Xinjiang.
    expect(revision.path.map((r) => r.name)).toEqual(["新疆维吾尔自治区", "昌吉州", "玛纳斯县", "兰州湾镇"]);
    await expect(api.revisions.byId({ id: 987_654 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "id: no revision 987654" });
    await expect(api.revisions.list({ regionId: 987_654 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "regionId: no region 987654",
    });
  });

  it("refuses imports and deletes without the admin token", async () => {
    const api = createCaller(localContext(seeded.db, null));
    await expect(api.revisions.import({ fileName: "x.txt", text: otherTown })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(api.revisions.delete({ id: 1 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await api.revisions.list()).items).toHaveLength(1);
  });

  it("imports text or base64 once, then recognises the same bytes", async () => {
    const db = await seeded.fork();
    try {
      const api = createCaller(localContext(db.db));
      const created = await api.revisions.import({
        fileName: "bwc.txt",
        text: otherTown,
        label: "北五岔镇 2026",
        effectiveDate: "2026-11-01",
      });
      expect(created).toMatchObject({ created: true, counts: { basic: 109, coordinated: 100, reclaimed: 37 } });
      const again = await api.revisions.import({ fileName: "bwc-copy.txt", contentBase64: Buffer.from(otherTown).toString("base64") });
      expect(again).toMatchObject({ created: false, revisionId: created.revisionId });
      expect(await api.revisions.byId({ id: created.revisionId })).toMatchObject({
        label: "北五岔镇 2026",
        effectiveDate: "2026-11-01",
        sourceFile: "bwc.txt",
      });
      expect((await api.stats.overview()).towns).toBe(2);
      expect(await api.revisions.delete({ id: created.revisionId })).toEqual({ id: created.revisionId, deleted: true });
      expect((await api.stats.overview()).towns).toBe(1);
      await expect(api.revisions.delete({ id: created.revisionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await db.close();
    }
  });

  it("rejects a broken document naming file and line, and writes nothing", async () => {
    const db = await seeded.fork();
    try {
      const api = createCaller(localContext(db.db));
      const before = {
        revisions: await api.revisions.list(),
        regions: await api.regions.search({ q: "镇" }),
        overview: await api.stats.overview(),
      };
      // Line 6 is the first basic row; a fourth cell breaks the 3-column list. The town is new, so a partial write would show.
      const lines = otherTown.split("\n");
      lines[5] = `${lines[5]}\t多余`;
      await expect(api.revisions.import({ fileName: "bwc.txt", text: lines.join("\n") })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/^bwc\.txt:6: /u),
      });
      expect({
        revisions: await api.revisions.list(),
        regions: await api.regions.search({ q: "镇" }),
        overview: await api.stats.overview(),
      }).toEqual(before);
    } finally {
      await db.close();
    }
  });

  it("validates the import body field by field", async () => {
    const api = createCaller(localContext(seeded.db));
    await expect(api.revisions.import({ fileName: "x.txt" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "contentBase64: give exactly one of contentBase64 and text",
    });
    await expect(api.revisions.import({ fileName: "../x.txt", text: "t" })).rejects.toMatchObject({
      message: expect.stringMatching(/^fileName: /u),
    });
    await expect(api.revisions.import({ fileName: "x.txt", contentBase64: "@@" })).rejects.toMatchObject({
      message: expect.stringMatching(/^contentBase64: /u),
    });
    await expect(api.revisions.import({ fileName: "x.txt", text: "t", effectiveDate: "2026-13-01" })).rejects.toMatchObject({
      message: expect.stringMatching(/^effectiveDate: /u),
    });
    await expect(api.revisions.import({ fileName: "x.txt", text: "t", label: "l".repeat(201) })).rejects.toMatchObject({
      message: expect.stringMatching(/^label: /u),
    });
  });
});
