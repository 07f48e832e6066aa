/**
 * What an uploaded document really is, from its first bytes (never from the browser's declared
 * type): PDF, Office Open XML (docx, xlsx, pptx), OpenDocument (odt, ods, odp) or legacy Office
 * (doc, xls, ppt). The file name's extension must agree with the content. Anything else is
 * refused with a French message. Pure.
 */

export interface DocumentType {
	/** The extension the content matches, without a dot. */
	extension: string;
	/** The media type sent back on download. */
	mediaType: string;
	/** French name of the format. */
	label: string;
}

const TYPES: Record<string, DocumentType> = {
	pdf: { extension: 'pdf', mediaType: 'application/pdf', label: 'PDF' },
	docx: { extension: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word' },
	xlsx: { extension: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
	pptx: { extension: 'pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint' },
	odt: { extension: 'odt', mediaType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument texte' },
	ods: { extension: 'ods', mediaType: 'application/vnd.oasis.opendocument.spreadsheet', label: 'OpenDocument tableur' },
	odp: { extension: 'odp', mediaType: 'application/vnd.oasis.opendocument.presentation', label: 'OpenDocument présentation' },
	doc: { extension: 'doc', mediaType: 'application/msword', label: 'Word 97-2003' },
	xls: { extension: 'xls', mediaType: 'application/vnd.ms-excel', label: 'Excel 97-2003' },
	ppt: { extension: 'ppt', mediaType: 'application/vnd.ms-powerpoint', label: 'PowerPoint 97-2003' }
};

/** Accepted extensions, for the `accept` attribute and messages. */
export const ACCEPTED_EXTENSIONS = Object.keys(TYPES);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + magic.length) return false;
	return magic.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
	let out = '';
	for (let i = from; i < Math.min(bytes.length, from + length); i++) out += String.fromCharCode(bytes[i]);
	return out;
}

/** True when the ASCII text `needle` occurs in the first `limit` bytes. */
function contains(bytes: Uint8Array, needle: string, limit = 1 << 20): boolean {
	return ascii(bytes, 0, limit).includes(needle);
}

/** The extension of `fileName`, lower case, without the dot ('' when none). */
export function extensionOf(fileName: string): string {
	const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim());
	return m ? m[1].toLowerCase() : '';
}

/** Content family detected from the bytes alone. */
export function sniffFamily(bytes: Uint8Array): 'pdf' | 'ooxml' | 'opendocument' | 'ole2' | 'zip' | null {
	if (startsWith(bytes, PDF)) return 'pdf';
	if (startsWith(bytes, OLE2)) return 'ole2';
	if (startsWith(bytes, ZIP)) {
		// OpenDocument: first entry « mimetype », stored, its content right after the name.
		if (ascii(bytes, 30, 8) === 'mimetype' && ascii(bytes, 38, 46).startsWith('application/vnd.oasis.opendocument.')) return 'opendocument';
		if (contains(bytes, '[Content_Types].xml')) return 'ooxml';
		return 'zip';
	}
	return null;
}

/**
 * The type of an uploaded document, or a French reason to refuse it.
 * `maxBytes`: size limit in bytes.
 */
export function detectDocumentType(
	fileName: string,
	bytes: Uint8Array,
	maxBytes: number
): { ok: true; type: DocumentType } | { ok: false; message: string } {
	const mb = (n: number) => `${(Math.round((n / (1024 * 1024)) * 10) / 10).toString().replace('.', ',')}\u00a0Mo`;
	if (bytes.length === 0) return { ok: false, message: 'Le fichier est vide.' };
	if (bytes.length > maxBytes) return { ok: false, message: `Le fichier pèse ${mb(bytes.length)} : la limite est de ${mb(maxBytes)}.` };
	const ext = extensionOf(fileName);
	const family = sniffFamily(bytes);
	const refuse = `Format non accepté : déposez un PDF ou un document bureautique (${ACCEPTED_EXTENSIONS.join(', ')}).`;
	if (family === null || family === 'zip') return { ok: false, message: refuse };
	const candidates: Record<typeof family, string[]> = {
		pdf: ['pdf'],
		ooxml: ['docx', 'xlsx', 'pptx'],
		opendocument: ['odt', 'ods', 'odp'],
		ole2: ['doc', 'xls', 'ppt']
	};
	const allowed = candidates[family];
	if (!allowed.includes(ext)) {
		const expected = allowed.map((e) => `.${e}`).join(', ');
		return {
			ok: false,
			message: `Le contenu du fichier ne correspond pas à son extension « .${ext || '?'} » : c’est un document ${TYPES[allowed[0]].label.split(' ')[0]} (extension attendue : ${expected}).`
		};
	}
	if (family === 'opendocument') {
		const declared = ascii(bytes, 38, 60);
		if (!declared.startsWith(TYPES[ext].mediaType)) {
			return { ok: false, message: `Le contenu OpenDocument ne correspond pas à l’extension « .${ext} ».` };
		}
	}
	return { ok: true, type: TYPES[ext] };
}

/** A file name safe in a Content-Disposition header: no path, no control or quote characters. */
export function safeFileName(fileName: string): string {
	const base = fileName.split(/[\\/]/).pop() ?? '';
	const cleaned = base.replace(/[\u0000-\u001f\u007f"\\]/g, '').trim();
	return cleaned === '' ? 'document' : cleaned.slice(0, 200);
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
	const name = safeFileName(fileName);
	const asciiName = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_');
	return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Kinds of agrément documents, with their French labels. */
export const DOCUMENT_KINDS = {
	projet_social: 'Projet social',
	projet_familles: 'Projet familles',
	convention: 'Convention',
	deliberation: 'Délibération ou décision',
	evaluation: 'Évaluation',
	autre: 'Autre document'
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
