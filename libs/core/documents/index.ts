/**
 * The PDF and XLSX libraries, loaded on first use: most API and worker processes never render a
 * file, and loaded at start they hold about 50 MB of resident memory each (pdfkit with fontkit and
 * its tables, exceljs with jszip). Node caches the module, so later calls cost a resolved promise.
 */
export const loadExcelJS = async () => (await import('exceljs')).default;
export const loadPdfKit = async () => (await import('pdfkit')).default;
