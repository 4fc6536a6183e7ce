import type { createCaller } from "@duty/api";
import type { Io } from "../io.ts";

/**
 * A region given on the command line by id or by exact name (兰州湾镇, 玛纳斯县); a name several
 * regions share is refused with the candidates, so the user can give the id instead.
 */
export async function regionIdOf(io: Io, api: ReturnType<typeof createCaller>, option: string, text: string): Promise<number | null> {
  if (/^[1-9]\d{0,9}$/u.test(text)) return Number(text);
  const found = await api.regions.named({ name: text });
  if (found.length === 1) return found[0]!.id;
  io.err(
    found.length === 0
      ? `${option}：没有名为「${text}」的地区`
      : `${option}：有 ${found.length} 个名为「${text}」的地区，请改用编号：${found.map((r) => `${r.id}（${r.parent ?? "无上级"}/${r.name}）`).join("，")}`,
  );
  return null;
}
