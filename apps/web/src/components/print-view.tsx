import { useEffect, useState } from "react";
import { today } from "../export/context.ts";
import { allDrawn } from "./draw-turn.tsx";

/**
 * The running header of printed pages (scope, page and date), in the @page margin box styles.css
 * prints: a CSS variable set through the CSSOM, so it needs no inline <style> or script.
 */
export function usePrintHeader(text: string): void {
  useEffect(() => {
    document.documentElement.style.setProperty("--print-header", JSON.stringify(`履职图谱 · ${text} · 打印于 ${today()}`));
  }, [text]);
}

/** True once the page has drawn: no query still loading, no drawing waiting its turn, every chart card's chart in the DOM. */
export function pageDrawn(root: ParentNode = document): boolean {
  if (!allDrawn()) return false;
  if (root.querySelector("main .status:not(.error)")?.textContent?.includes("加载")) return false;
  const cards = Array.from(root.querySelectorAll("main [data-chart]"));
  return cards.every((card) => card.querySelector(".recharts-wrapper > svg, svg.heatmap-svg, .status.error") !== null);
}

/**
 * The bar above a print view (?print=1): it says what it is, opens the print dialog (打印 or 另存为
 * PDF) once the charts are drawn, and offers it again. Never printed itself.
 */
export function PrintBar() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let printed = false;
    const timer = setInterval(() => {
      if (printed || !pageDrawn()) return;
      printed = true;
      clearInterval(timer);
      setReady(true);
      // Two frames: the last labels are placed after the bars.
      requestAnimationFrame(() => requestAnimationFrame(() => window.print()));
    }, 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="print-bar no-print" aria-label="打印预览">
      <span>打印预览：A4 纵向，每页页眉注明范围与日期，页脚为页码。选择「另存为 PDF」即得 PDF 文件。</span>
      <button type="button" className="button primary" disabled={!ready} onClick={() => window.print()} data-testid="print-now">
        {ready ? "打印 / 另存为 PDF" : "正在准备…"}
      </button>
      <button type="button" className="button" onClick={() => window.close()}>
        关闭
      </button>
    </section>
  );
}
