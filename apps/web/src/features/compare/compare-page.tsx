import type { Scope } from "@duty/domain";
import { FileDrop } from "../../components/file-drop.tsx";
import { goTo } from "../../navigation.ts";
import { canEdit, useMe } from "../../session.ts";
import { hrefFor, navigate, useSearchParams } from "../../url-state.ts";
import { handOver } from "../upload/handover.ts";
import { RevisionCompare } from "./revision-compare.tsx";
import { TownCompare } from "./town-compare.tsx";

type View = "revisions" | "towns";

/** Two revisions (of one town, or two towns' latest) duty by duty, or every town of a region side by side. */
export default function ComparePage({ scope }: { scope: Scope }) {
  const [params] = useSearchParams();
  const me = useMe();
  const view: View = params.get("view") === "towns" ? "towns" : "revisions";
  const tabs: [View, string][] = [
    ["revisions", "两个版本"],
    ["towns", "地区内各乡镇"],
  ];
  return (
    <>
      <h2 className="page-title">修订对比</h2>
      {canEdit(me) && (
        <FileDrop
          hint="拖入新的清单文件，与所属乡镇已发布的版本对比（在「上传清单」页检查，不会直接保存）"
          onFiles={(files) => {
            handOver(files);
            goTo("upload", {}, {});
          }}
        />
      )}
      <nav className="tabs" aria-label="对比方式">
        {tabs.map(([value, label]) => (
          <a
            key={value}
            href={hrefFor({ view: value === "revisions" ? null : value })}
            aria-current={value === view ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: value === "revisions" ? null : value });
            }}
          >
            {label}
          </a>
        ))}
      </nav>
      {view === "revisions" ? <RevisionCompare params={params} scope={scope} /> : <TownCompare params={params} />}
    </>
  );
}
