/**
 * Upload size limit of imports, from MAILLAGE_MAX_UPLOAD_MB (megabytes, default 100): defined once
 * with the production server's body limits, which enforce it before a body is read.
 */
export { DEFAULT_MAX_UPLOAD_MB, maxUploadBytes } from '../http/body-limits.js';
