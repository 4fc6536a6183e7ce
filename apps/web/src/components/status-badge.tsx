import type { RevisionSummary } from "../scope-info.ts";

export const STATUS_LABELS: Record<RevisionSummary["status"], string> = { draft: "草案", published: "已发布", withdrawn: "已撤回" };

export function StatusBadge({ status }: { status: RevisionSummary["status"] }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
