import {
  AmbiguousPlace,
  contentHashOf,
  type Db,
  deleteRevision,
  importParsedDocument,
  listRevisions,
  loadRevision,
  recordAudit,
  type RevisionCounts,
  type RevisionStatus,
  resolveScope,
  revisionByContent,
  revisionById,
  revisionCounts,
  setRevisionStatus,
  standingAfter,
  today,
} from "@duty/db";
import { allDuties, FORMAT_LABELS, revisionLabel } from "@duty/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Actor, Context } from "../context.ts";
import { documentFields, mayChangePlace, oneContent, readReceived, receive, regionSpec, requirePlace, requireTown } from "../documents.ts";
import { bigId, effectiveDate, smallId } from "../inputs.ts";
import { notFound, requireScope } from "../scope-guard.ts";
import { readProcedure, roleProcedure, router, TownError, writeProcedure } from "../trpc.ts";

export { MAX_IMPORT_BYTES } from "../documents.ts";

const STATUS_LABELS: Record<RevisionStatus, string> = { draft: "草案", published: "已发布", withdrawn: "已撤回" };

const importInput = z
  .object({
    ...documentFields,
    /** Defaults to the town and the year it takes effect: 「兰州湾镇 2025年版」. */
    label: z.string().trim().min(1).max(200).optional(),
    /** Defaults to the date the document states, else the day of import. */
    effectiveDate: effectiveDate.optional(),
    /** published (the default for scripts and `atlas import`) or draft (uploads in the browser, `atlas import --draft`). */
    status: z.enum(["draft", "published"]).optional(),
    /** The region the document belongs within, when its place fits several (a 乙市 in two provinces). */
    withinRegionId: smallId.optional(),
  })
  .strict()
  .superRefine(oneContent);

const checkInput = z
  .object({
    fileName: documentFields.fileName,
    contentBase64: documentFields.contentBase64,
    text: documentFields.text,
    town: documentFields.town,
  })
  .strict()
  .superRefine(oneContent);

/** What publishing, withdrawing or deleting a revision would change, in numbers and in one sentence. */
export interface Impact {
  action: "publish" | "withdraw" | "delete";
  revisionId: number;
  town: string;
  /** The revision standing for the town now, and after the change (null: none, the town drops out of statistics). */
  now: StandingSide | null;
  after: StandingSide | null;
  message: string;
}

interface StandingSide {
  id: number;
  label: string;
  effectiveDate: string;
  counts: RevisionCounts;
}

const ACTION_WORDS: Record<Impact["action"], string> = { publish: "发布", withdraw: "撤回", delete: "删除" };

/** 「基本 108（−1），配合 101（+1），收回 37（±0）」: the three lists against what stands now. */
function countsText(after: RevisionCounts, now: RevisionCounts | null): string {
  const lists: [keyof RevisionCounts, string][] = [
    ["basic", "基本"],
    ["coordinated", "配合"],
    ["reclaimed", "收回"],
  ];
  return lists
    .map(([key, label]) => {
      if (!now) return `${label} ${after[key]}`;
      const d = after[key] - now[key];
      return `${label} ${after[key]}（${d > 0 ? `+${d}` : d < 0 ? `−${-d}` : "±0"}）`;
    })
    .join("，");
}

async function impactOf(db: Db, id: number, action: Impact["action"]): Promise<Impact> {
  const revision = await revisionById(db, id);
  if (!revision) throw notFound(`id: no revision ${id}`);
  const standing = await standingAfter(db, id, action === "publish" ? "published" : "withdrawn");
  if (!standing) throw notFound(`id: no revision ${id}`);
  const ids = [standing.now, standing.after].filter((x): x is number => x !== null);
  const counts = await revisionCounts(db, ids);
  const side = async (sid: number | null): Promise<StandingSide | null> => {
    if (sid === null) return null;
    const r = sid === id ? revision : await revisionById(db, sid);
    return r ? { id: r.id, label: r.label, effectiveDate: r.effectiveDate, counts: counts.get(sid)! } : null;
  };
  const now = await side(standing.now);
  const after = await side(standing.after);
  const town = revision.town;
  const verb = ACTION_WORDS[action];
  let message: string;
  if (now?.id === after?.id) {
    message = now
      ? `${verb}后，${town}的统计不变：仍使用修订 ${now.id}「${now.label}」（生效日期 ${now.effectiveDate}）`
      : `${verb}后，${town}的统计不变：该乡镇仍没有已发布的版本`;
    if (action === "publish" && now && now.id !== id) message += `，它的生效日期不早于此版本（${revision.effectiveDate}）`;
  } else if (!after) {
    message = `${verb}后，${town}将不再计入统计：没有其他已发布的版本`;
  } else if (after.id === id) {
    message = now
      ? `${verb}后，${town}的统计将改用此版本：${countsText(after.counts, now.counts)}`
      : `${verb}后，${town}将计入统计：${countsText(after.counts, null)}`;
  } else {
    message = `${verb}后，${town}的统计将改用修订 ${after.id}「${after.label}」：${countsText(after.counts, now?.counts ?? null)}`;
  }
  if (action === "delete") {
    const duties = revision.counts.basic + revision.counts.coordinated + revision.counts.reclaimed;
    message = `删除后无法恢复：修订 ${id}「${revision.label}」（${STATUS_LABELS[revision.status]}）及其 ${duties} 项事项将被删除。${message}`;
  }
  return { action, revisionId: id, town, now, after, message };
}

/** The stored revision a status change or deletion is about, after checking the actor may change its town. */
async function revisionToChange(ctx: Context & { actor: Actor }, id: number) {
  const revision = await revisionById(ctx.db, id);
  if (!revision) throw notFound(`id: no revision ${id}`);
  await requireTown(ctx.db, ctx.actor, revision.townId, revision.town);
  return revision;
}

/** Publish or withdraw, with its audit line in the same transaction. */
async function changeStatus(ctx: Context & { actor: Actor }, id: number, to: "published" | "withdrawn") {
  const revision = await revisionToChange(ctx, id);
  const allowed: RevisionStatus[] = to === "published" ? ["draft", "withdrawn"] : ["published"];
  if (!allowed.includes(revision.status)) {
    throw new TownError(
      "BAD_REQUEST",
      `修订 ${id} 的状态是「${STATUS_LABELS[revision.status]}」，不能${to === "published" ? "发布" : "撤回"}`,
      revision.townId,
    );
  }
  const impact = await impactOf(ctx.db, id, to === "published" ? "publish" : "withdraw");
  return ctx.db.transaction().execute(async (trx) => {
    const change = await setRevisionStatus(trx, id, to);
    if (!change) throw notFound(`id: no revision ${id}`);
    await recordAudit(trx, {
      ...auditWho(ctx),
      action: to === "published" ? "publish" : "withdraw",
      outcome: "ok",
      townId: change.townId,
      revisionId: id,
      detail: impact.message,
    });
    return { id, town: revision.town, label: revision.label, status: to, message: impact.message };
  });
}

export function auditWho(ctx: Context & { actor: Actor }) {
  return { userId: ctx.actor.userId, actor: ctx.actor.name, via: ctx.actor.via, ip: ctx.ip };
}

export const revisionsRouter = router({
  /** Newest first; page on with nextCursor. */
  list: readProcedure
    .input(
      z
        .object({
          regionId: smallId.optional(),
          status: z
            .array(z.enum(["draft", "published", "withdrawn"]))
            .max(3)
            .optional(),
          cursor: bigId.optional(),
          limit: z.number().int().min(1).max(500).default(100),
        })
        .strict()
        .default({ limit: 100 }),
    )
    .query(async ({ ctx, input }) => {
      if (input.regionId !== undefined) await requireScope(ctx.db, { regionId: input.regionId });
      return listRevisions(ctx.db, input);
    }),
  byId: readProcedure.input(z.object({ id: bigId }).strict()).query(async ({ ctx, input }) => {
    const revision = await revisionById(ctx.db, input.id);
    if (!revision) throw notFound(`id: no revision ${input.id}`);
    return revision;
  }),
  /** The stored revision as the domain's Revision (what the differ and the linter read); titles are not stored, so null. */
  document: readProcedure.input(z.object({ id: bigId }).strict()).query(async ({ ctx, input }) => {
    const revision = await loadRevision(ctx.db, input.id);
    if (!revision) throw notFound(`id: no revision ${input.id}`);
    return revision;
  }),

  /**
   * Reads, lints and compares a document without storing anything: what the 上传清单 page shows
   * before 保存为草案. The comparison is against the revision standing for the town (its latest
   * published one). A document that cannot be read comes back as `ok: false` with one line naming
   * the file and the place, so several files can be checked side by side.
   */
  check: roleProcedure("editor")
    .input(checkInput)
    .mutation(async ({ ctx, input }) => {
      const received = receive(input);
      const parsed = await readReceived(received, ctx.work);
      if (!parsed.ok) return { ok: false as const, fileName: input.fileName, message: parsed.message };
      const { revision, warnings, statedDate, format } = parsed;
      const permission = await mayChangePlace(ctx.db, ctx.actor, revision.region);
      const town = permission.townId;
      const standing = town === null ? null : await resolveScope(ctx.db, { regionId: town });
      const baseId = standing?.kind === "revision" ? standing.revisionId : null;
      const base = baseId === null ? null : await revisionById(ctx.db, baseId);
      const baseRevision = baseId === null ? null : await loadRevision(ctx.db, baseId);
      const existing = town === null ? null : await revisionByContent(ctx.db, town, contentHashOf(received.bytes));
      const effectiveDate = statedDate?.date ?? today();
      return {
        ok: true as const,
        fileName: input.fileName,
        format,
        formatLabel: FORMAT_LABELS[format],
        region: revision.region,
        townSpec: regionSpec(revision.region),
        townId: town,
        counts: {
          basic: revision.lists.basic.length,
          coordinated: revision.lists.coordinated.length,
          reclaimed: revision.lists.reclaimed.length,
        },
        categories: revision.categories.length,
        departments: revision.departments.length,
        findings: await ctx.work.run("lint", [revision, warnings], `检查文件 ${input.fileName}`),
        statedDate,
        effectiveDate,
        label: revisionLabel(revision.region.town, effectiveDate),
        duties: allDuties(revision).map((d) => ({
          list: d.list,
          seq: d.seq,
          category: d.category,
          name: d.name,
          line: d.line,
          at: d.at ?? String(d.line),
          // The columns the document adds to the list's own (备注 …): checked here, stored with the duty.
          notes: d.notes ?? [],
        })),
        base: base && { id: base.id, label: base.label, effectiveDate: base.effectiveDate, counts: base.counts },
        diff: baseRevision ? await ctx.work.run("diff", [baseRevision, revision], `比较文件 ${input.fileName}`) : null,
        existing,
        mayChange: permission.allowed,
        refusal: permission.reason,
      };
    }),

  /**
   * Parses and stores a document with its original bytes; the same bytes for the same town again
   * return the existing revision (created: false). Editors only for towns inside their regions.
   */
  import: writeProcedure("import", "editor")
    .input(importInput)
    .mutation(async ({ ctx, input }) => {
      const received = receive(input);
      const parsed = await readReceived(received, ctx.work);
      if (!parsed.ok) throw new TRPCError({ code: "BAD_REQUEST", message: parsed.message });
      await requirePlace(ctx.db, ctx.actor, parsed.revision.region);
      const status = input.status ?? "published";
      const stored = ctx.db.transaction().execute(async (trx) => {
        const result = await importParsedDocument(
          trx,
          { fileName: received.fileName, bytes: received.bytes, ...parsed },
          {
            label: input.label,
            effectiveDate: input.effectiveDate,
            status,
            region: received.region,
            townSpec: received.townSpec,
            withinRegionId: input.withinRegionId,
          },
        );
        await recordAudit(trx, {
          ...auditWho(ctx),
          action: "import",
          outcome: "ok",
          townId: result.townId,
          revisionId: result.revisionId,
          detail: `${received.fileName}：${result.created ? `新修订，${STATUS_LABELS[status]}` : "内容相同的修订已存在，未作改动"}`,
        });
        const written = await revisionById(trx, result.revisionId);
        return {
          ...result,
          town: parsed.revision.region.town,
          label: written!.label,
          status: written!.status,
          effectiveDate: written!.effectiveDate,
        };
      });
      try {
        return await stored;
      } catch (err) {
        // A place that fits several regions (a 乙市 in two provinces) is the caller's to settle: town or withinRegionId.
        if (err instanceof AmbiguousPlace) throw new TRPCError({ code: "BAD_REQUEST", message: `town: ${err.message}`, cause: err });
        throw err;
      }
    }),

  /** What publishing, withdrawing or deleting would change: the sentence the confirmation shows. */
  impact: readProcedure
    .input(z.object({ id: bigId, action: z.enum(["publish", "withdraw", "delete"]) }).strict())
    .query(({ ctx, input }) => impactOf(ctx.db, input.id, input.action)),

  /** A draft (or withdrawn revision) becomes published: it stands for its town when it is the latest by effective date. */
  publish: writeProcedure("publish", "editor")
    .input(z.object({ id: bigId }).strict())
    .mutation(({ ctx, input }) => changeStatus(ctx, input.id, "published")),

  /** A published revision stops standing for its town; it stays readable (compare, preview by id). */
  withdraw: writeProcedure("withdraw", "editor")
    .input(z.object({ id: bigId }).strict())
    .mutation(({ ctx, input }) => changeStatus(ctx, input.id, "withdrawn")),

  /** Deletes a revision with its duties; administrators only. */
  delete: writeProcedure("delete", "admin")
    .input(z.object({ id: bigId }).strict())
    .mutation(async ({ ctx, input }) => {
      const revision = await revisionToChange(ctx, input.id);
      const impact = await impactOf(ctx.db, input.id, "delete");
      return ctx.db.transaction().execute(async (trx) => {
        if (!(await deleteRevision(trx, input.id))) throw notFound(`id: no revision ${input.id}`);
        await recordAudit(trx, {
          ...auditWho(ctx),
          action: "delete",
          outcome: "ok",
          townId: revision.townId,
          revisionId: input.id,
          detail: impact.message,
        });
        return { id: input.id, deleted: true };
      });
    }),
});
