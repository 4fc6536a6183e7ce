import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, MAX_REQUEST_BYTES } from "@duty/api";
import { createServer, listen } from "./server.ts";
import { postOnce } from "./test-http.ts";

/*
 * Walks every procedure's zod input (new routers included, without listing them here), demands a
 * length limit on every string and a range on every number, and sends each field a value just
 * past its limit over HTTP: the answer must be 400 naming the field (413 when the value cannot fit
 * in a request body at all). Requests carry ATLAS_ADMIN_TOKEN, which passes every role check without
 * a database look-up; validation runs before any query, so no database is needed: a value that got
 * through would reach the missing database and come back 500.
 */

const TOKEN = "input-limits-token";

/** zod 4's internals, as far as this walk reads them. */
interface Schema {
  _zod: {
    def: {
      type: string;
      innerType?: Schema;
      in?: Schema;
      shape?: Record<string, Schema>;
      element?: Schema;
      checks?: { _zod: { def: { check: string; maximum?: number } } }[];
    };
  };
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  format?: string | null;
}

/** Wrappers that do not change what a value may be. */
const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);
/** String formats whose pattern bounds the length by itself. */
const BOUNDED_FORMATS = new Set(["date", "time", "datetime", "uuid", "guid", "email", "ipv4", "ipv6", "cuid", "cuid2", "ulid", "nanoid"]);

interface Probe {
  procedure: string;
  type: "query" | "mutation";
  field: string;
  /** The out-of-bounds value, or why the field has no bound. */
  value: unknown;
  problem?: string;
}

function unwrap(schema: Schema): Schema {
  let s = schema;
  for (;;) {
    const def = s._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return s;
  }
}

function probesOf(procedure: string, type: Probe["type"], schema: Schema, path: string[] = []): Probe[] {
  const s = unwrap(schema);
  const field = path.join(".");
  const probe = (value: unknown, problem?: string): Probe => ({ procedure, type, field, value, ...(problem ? { problem } : {}) });
  switch (s._zod.def.type) {
    case "object":
      return Object.entries(s._zod.def.shape!).flatMap(([key, child]) => probesOf(procedure, type, child, [...path, key]));
    case "string": {
      if (s.maxLength != null) return [probe("x".repeat(s.maxLength + 1))];
      if (s.format && BOUNDED_FORMATS.has(s.format)) return [probe("x".repeat(1000))];
      return [probe(null, "a string without a maximum length")];
    }
    case "number": {
      if (s.minValue == null || s.maxValue == null || !Number.isFinite(s.minValue) || !Number.isFinite(s.maxValue)) {
        return [probe(null, "a number without both a minimum and a maximum")];
      }
      const probes = [probe(s.maxValue + 1), probe(s.minValue - 1)];
      if (s.format === "safeint" || s.format === "int32") probes.push(probe(Math.min(s.maxValue, s.minValue + 1) + 0.5));
      return probes;
    }
    case "enum":
      return [probe("x".repeat(1000))];
    case "array": {
      // zod 4 keeps an array's .max() as a check, not as maxLength.
      const max = s.maxLength ?? s._zod.def.checks?.find((c) => c._zod.def.check === "max_length")?._zod.def.maximum;
      if (max == null) return [probe(null, "a list without a maximum length")];
      return [probe(Array.from({ length: max + 1 }, () => null)), ...probesOf(procedure, type, s._zod.def.element!, [...path, "0"])];
    }
    case "boolean":
    case "literal":
      return [];
    default:
      return [probe(null, `zod type "${s._zod.def.type}", which input-limits.test.ts does not know yet: teach it`)];
  }
}

/** { a: { b: value } } for the field "a.b", { a: [value] } for "a.0". */
function inputWith(field: string, value: unknown): unknown {
  // "regions.0" is the first element of the list regions.
  return field.split(".").reduceRight<unknown>((inner, key) => (/^\d+$/u.test(key) ? [inner] : { [key]: inner }), value);
}

interface RouterDef {
  _def: { procedures: Record<string, { _def: { type: Probe["type"]; inputs: Schema[] } }> };
}

const probes = Object.entries((appRouter as unknown as RouterDef)._def.procedures).flatMap(([name, p]) =>
  p._def.inputs.flatMap((input) => probesOf(name, p._def.type, input)),
);

describe("every API input", () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    // Requests that validation rejects never reach a database; one that got through fails with 500.
    server = await listen(createServer({ db: undefined as never, adminToken: TOKEN, webDist: null }), 0, "127.0.0.1");
  });
  afterAll(() => server?.close());

  it("bounds every string and number", () => {
    // The walk sees the fields it should (a check of the walk itself).
    expect(probes.map((p) => `${p.procedure} ${p.field}`)).toEqual(
      expect.arrayContaining([
        "duties.search q",
        "duties.search limit",
        "revisions.import fileName",
        "revisions.import text",
        "revisions.delete id",
      ]),
    );
    expect(probes.filter((p) => p.problem).map((p) => `${p.procedure} ${p.field}: ${p.problem}`)).toEqual([]);
  });

  it("answers 400 naming the field for a value just past its bound", async () => {
    const answers = [];
    for (const p of probes.filter((x) => !x.problem)) {
      const input = JSON.stringify(inputWith(p.field, p.value));
      const res =
        p.type === "query"
          ? await fetch(`${server.url}trpc/${p.procedure}?input=${encodeURIComponent(input)}`, {
              headers: { authorization: `Bearer ${TOKEN}` },
            }).then(async (r) => ({ status: r.status, text: await r.text() }))
          : await postOnce(`${server.url}trpc/${p.procedure}`, input, { authorization: `Bearer ${TOKEN}` });
      const { text } = res;
      const message = res.status === 400 ? ((JSON.parse(text) as { error: { message: string } }).error.message ?? "") : text.slice(0, 200);
      const tooBigForABody = input.length > MAX_REQUEST_BYTES;
      const expected = tooBigForABody ? 413 : 400;
      // fieldMessages writes "field: problem", several joined by "; ".
      const named = tooBigForABody || message.split("; ").some((part) => part.startsWith(`${p.field}: `) || part.startsWith(`${p.field}.`));
      answers.push({ probe: `${p.procedure} ${p.field} = ${String(p.value).slice(0, 20)}`, status: res.status, named, message });
      expect({ probe: answers.at(-1)!.probe, status: res.status, named }, message).toEqual({
        probe: answers.at(-1)!.probe,
        status: expected,
        named: true,
      });
    }
    expect(answers.length).toBeGreaterThan(20);
  });
});
