import type { DiffSegment } from "./char-diff.ts";

/**
 * One side of an edited text, the characters only this side has inside <del> (before) or <ins>
 * (after), so screen readers announce the edit too. Text nodes only: document text never becomes HTML.
 */
export function DiffText({ segments, side }: { segments: readonly DiffSegment[]; side: "before" | "after" }) {
  return (
    <span className="diff-text">
      {segments.map((s, i) =>
        !s.changed ? (
          <span key={i}>{s.text}</span>
        ) : side === "before" ? (
          <del key={i} className="diff-removed">
            {s.text}
          </del>
        ) : (
          <ins key={i} className="diff-added">
            {s.text}
          </ins>
        ),
      )}
    </span>
  );
}
