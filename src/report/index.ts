/** Incident reports: one data structure (`buildReport`) rendered as Markdown, JSON or PDF. */
export { buildReport, formatMs, type IncidentReport, type ReportInput } from './report.js';
export { renderMarkdown } from './markdown.js';
export { renderPdf } from './pdf.js';
