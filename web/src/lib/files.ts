// Uploaded files (assessment evidence, an action's completion evidence, a meeting's
// attachments): what the server keeps of each, and the check made before sending one.

/** A stored file as the API lists it. */
export interface StoredFile {
  id: number;
  file_name: string;
  content_type: string;
  size: number;
  created_at: string;
  created_by_name?: string | null;
}

/** What the server accepts: photos and PDF, at most 5 MiB (it checks the content too). */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** The check made before sending a file: 'too_large', 'unsupported' (a known type not accepted), or null. */
export function checkUpload(file: { size: number; type: string }): 'too_large' | 'unsupported' | null {
  if (file.size > UPLOAD_MAX_BYTES) return 'too_large';
  if (file.type && !UPLOAD_TYPES.some((type) => type === file.type)) return 'unsupported';
  return null;
}

export const isImage = (contentType: string) => contentType.startsWith('image/');
