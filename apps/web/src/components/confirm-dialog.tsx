import { type ReactNode, useEffect, useRef } from "react";

/**
 * A modal question before a change that cannot be taken back silently (发布, 撤回, 删除): the
 * message says what will change; nothing happens until 确认.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="confirm" aria-label={title} onCancel={onCancel} data-testid="confirm">
      <h3>{title}</h3>
      <div className="confirm-message">{children}</div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="confirm-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          取消
        </button>
        <button type="button" className="button primary" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
