/** Upload size limit of imports, from MAILLAGE_MAX_UPLOAD_MB (megabytes, default 100). */

export const DEFAULT_MAX_UPLOAD_MB = 100;

/** The limit in bytes; an unreadable or non-positive value falls back to the default. */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
	const raw = Number(env.MAILLAGE_MAX_UPLOAD_MB?.trim());
	const mb = Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_MAX_UPLOAD_MB;
	return Math.round(mb * 1024 * 1024);
}
