import { existingRegions, type Db } from "@duty/db";
import { parseRegionSpec, type Region } from "@duty/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Actor } from "./context.ts";
import { regionAssigned } from "@duty/db";
import { TownError } from "./trpc.ts";
import { inlineWork, readDocumentWith, type Work } from "./work/work.ts";

/** Largest document the server accepts, as bytes of the file (uploads, imports); real lists are ~120 kB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * A request body holds the file as base64 (4 characters per 3 bytes) beside a few short fields:
 * the largest body that can carry a MAX_IMPORT_BYTES file. Beyond it the server answers 413
 * before parsing anything.
 */
export const MAX_REQUEST_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024;

/** The fields every procedure that receives a document takes. */
export const documentFields = {
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[^/\\]+$/u, "a file name without folders"),
  /** The file's bytes, for any format and encoding (Word, Excel, PDF, GB18030 text…). */
  contentBase64: z
    .base64()
    .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4)
    .optional(),
  /** The document as text, for callers that already hold it decoded. */
  text: z.string().max(MAX_IMPORT_BYTES).optional(),
  /** The place when the document's titles name no town (or a wrong one): 省/市/县/镇 (levels it lacks may be left out). */
  town: z.string().trim().min(1).max(200).optional(),
};

export function oneContent(input: { contentBase64?: string | undefined; text?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((input.contentBase64 === undefined) === (input.text === undefined)) {
    ctx.addIssue({ code: "custom", path: ["contentBase64"], message: "give exactly one of contentBase64 and text" });
  }
}

/** A document as received: its bytes, and the place the caller gave for it. */
export interface Received {
  fileName: string;
  bytes: Uint8Array;
  region: Region | undefined;
  townSpec: string | undefined;
}

/** Decodes a document field set; a file over MAX_IMPORT_BYTES or a town spec that names no town is a 400 with one line. */
export function receive(input: {
  fileName: string;
  contentBase64?: string | undefined;
  text?: string | undefined;
  town?: string | undefined;
}): Received {
  const bytes = input.text === undefined ? Buffer.from(input.contentBase64!, "base64") : Buffer.from(input.text, "utf8");
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new TRPCError({
      code: "PAYLOAD_TOO_LARGE",
      message: `${input.fileName}: 文件过大（${bytes.length} 字节，上限 ${MAX_IMPORT_BYTES} 字节）`,
    });
  }
  const region = input.town === undefined ? undefined : parseRegionSpec(input.town);
  if (region && "error" in region) throw new TRPCError({ code: "BAD_REQUEST", message: `town: ${region.error}` });
  return { fileName: input.fileName, bytes, region, townSpec: input.town };
}

/** Reads a received document; one line naming the file and the place in it when it is not a list it can read. */
export async function readReceived(received: Received, work: Work = inlineWork) {
  // Reading is CPU work (a 20 MB Word file, a PDF): in the server it runs in the worker pool.
  const parsed = await readDocumentWith(
    work,
    received.bytes,
    { fileName: received.fileName, region: received.region },
    `读取文件 ${received.fileName}`,
  );
  return parsed.ok ? parsed : { ok: false as const, message: parsed.error.describe(received.fileName) };
}

/** The place as 省/市/县/镇 text, the form a user corrects it in. */
export function regionSpec(region: Region): string {
  return [region.province, region.prefecture, region.county, region.town].filter(Boolean).join("/");
}

/**
 * Whether the actor may change the town a document names: administrators any; editors a town
 * inside one of their regions (a town not yet stored counts as inside the regions above the part
 * of its place that exists). Returns the town's id when it exists.
 */
export async function mayChangePlace(
  db: Db,
  actor: Actor,
  region: Region,
): Promise<{ allowed: boolean; townId: number | null; reason: string | null }> {
  const chain = await existingRegions(db, region);
  const town = chain.length > 0 && chain.at(-1)!.level === "town" && chain.at(-1)!.name === region.town ? chain.at(-1)! : null;
  if (actor.role === "admin") return { allowed: true, townId: town?.id ?? null, reason: null };
  const deepest = chain.at(-1);
  const allowed =
    actor.role === "editor" && actor.userId !== null && deepest !== undefined && (await regionAssigned(db, actor.userId, deepest.id));
  return {
    allowed,
    townId: town?.id ?? null,
    reason: allowed ? null : `${actor.name} 不能修改「${regionSpec(region)}」：它不在分配给你的地区之内`,
  };
}

/** Refuses (403, recorded in the audit trail) unless the actor may change the town of `region`. */
export async function requirePlace(db: Db, actor: Actor, region: Region): Promise<number | null> {
  const { allowed, townId, reason } = await mayChangePlace(db, actor, region);
  if (!allowed) throw new TownError("FORBIDDEN", reason!, townId);
  return townId;
}

/** Refuses (403) unless the actor may change this stored town. */
export async function requireTown(db: Db, actor: Actor, townId: number, townName: string): Promise<void> {
  if (actor.role === "admin") return;
  if (actor.role === "editor" && actor.userId !== null && (await regionAssigned(db, actor.userId, townId))) return;
  throw new TownError("FORBIDDEN", `${actor.name} 不能修改「${townName}」：它不在分配给你的地区之内`, townId);
}
