import type { TFunction } from 'i18next';

/** What the API accepts as evidence: PDF, images, office documents; 20 MB each. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png', '.webp', '.heic', '.tif', '.tiff', '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.odt', '.ods'];
export const ACCEPTED_FILES = EXTENSIONS.join(',');

/** A reason to refuse the file before uploading it, or null. */
export function checkFile(file: File, t: TFunction): string | null {
  const name = file.name.toLowerCase();
  if (!EXTENSIONS.some((ext) => name.endsWith(ext))) return t('caseForm.fileTypeRefused', { name: file.name });
  if (file.size > MAX_ATTACHMENT_BYTES) return t('caseForm.fileTooLarge', { name: file.name });
  return null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
