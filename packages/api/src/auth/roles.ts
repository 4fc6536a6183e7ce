import type { Role } from "@duty/db";

export const ROLES: readonly Role[] = ["viewer", "editor", "admin"];

/** 查看 / 编辑 / 管理员: how the dashboard, the CLI and messages name the roles. */
export const ROLE_LABELS: Record<Role, string> = { viewer: "查看", editor: "编辑", admin: "管理员" };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** A role as typed on the command line or in a form: viewer/editor/admin or 查看/编辑/管理员. */
export function parseRole(text: string): Role | null {
  const t = text.trim();
  return ROLES.find((r) => r === t || ROLE_LABELS[r] === t) ?? null;
}
