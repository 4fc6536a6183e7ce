import { useState } from "react";
import { FileDrop } from "../../components/file-drop.tsx";
import { canEdit, useMe } from "../../session.ts";
import { takeHandedOver } from "./handover.ts";
import { UploadReview } from "./upload-review.tsx";

interface Upload {
  key: number;
  file: File;
}

let nextKey = 1;
const uploads = (files: File[]): Upload[] => files.map((file) => ({ key: nextKey++, file }));

/**
 * 上传清单: drop or pick documents in any supported format; each is read, linted and compared with
 * its town's published revision on the server, and stored only when 保存为草案 is chosen.
 */
export default function UploadPage() {
  const me = useMe();
  // Files dropped on 修订对比 arrive here; taken once, so a reload starts empty.
  const [files, setFiles] = useState<Upload[]>(() => uploads(takeHandedOver()));
  if (!me) return <p className="status">加载中…</p>;
  if (!canEdit(me)) {
    return (
      <>
        <h2 className="page-title">上传清单</h2>
        <p className="status" data-testid="upload-refused">
          上传和保存草案需要「编辑」或「管理员」账号{me.user ? `；${me.user.name} 的角色是「查看」` : "：请先在右上角登录"}。
        </p>
      </>
    );
  }
  return (
    <>
      <h2 className="page-title">上传清单</h2>
      <FileDrop
        hint="把清单文件拖到这里（Word、Excel、PDF、网页、Markdown、CSV 或文本，可多个）：先检查，保存为草案前不会写入数据库。"
        onFiles={(picked) => setFiles((current) => [...uploads(picked), ...current])}
      />
      {files.map((u) => (
        <UploadReview key={u.key} file={u.file} maxBytes={me.maxUploadBytes} />
      ))}
    </>
  );
}
