export type { ReportBlock, ReportCell, ReportColumn, ReportDocument, ReportImage, ShareCell } from "./model.ts";
export { renderDocx, cellText } from "./docx.ts";
export { overviewReport, type ChartImage, type ReportOptions } from "./overview-report.ts";
export { compareReport, dutyPlace, type CompareReportOptions } from "./compare-report.ts";
export { overviewSummary, compareSummary } from "./summary.ts";
