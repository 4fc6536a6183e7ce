import type { RouterOutputs } from "@duty/api";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { setCsrfToken, trpc } from "./trpc.ts";

export type Me = RouterOutputs["auth"]["me"];
export type Role = NonNullable<Me["user"]>["role"];

export const ROLE_LABELS: Record<Role, string> = { viewer: "查看", editor: "编辑", admin: "管理员" };

/** Who is signed in (null: nobody), kept current for the whole page; hands the CSRF token to the client. */
export function useMe(): Me | undefined {
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  useEffect(() => {
    if (me.data) setCsrfToken(me.data.csrfToken);
  }, [me.data]);
  return me.data;
}

export function canEdit(me: Me | undefined): boolean {
  return me?.user?.role === "editor" || me?.user?.role === "admin";
}

export function isAdmin(me: Me | undefined): boolean {
  return me?.user?.role === "admin";
}

/**
 * Whether the signed-in account may change a town, given the town and the regions above it (a
 * revision's regionIds): administrators any; editors the towns below their regions. The server
 * decides again on every change; this only hides controls that would be refused.
 */
export function mayChangeTown(me: Me | undefined, regionIds: readonly number[]): boolean {
  if (isAdmin(me)) return true;
  if (me?.user?.role !== "editor") return false;
  return me.user.regions.some((r) => regionIds.includes(r.id));
}
