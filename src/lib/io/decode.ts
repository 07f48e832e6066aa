/**
 * Bytes → text for every imported file. Accepts UTF-8 with or without BOM, UTF-16 with BOM
 * (Excel's « texte Unicode »), and Windows-1252 (Excel's French « CSV (séparateur : point-virgule) »):
 * a byte sequence that is not valid UTF-8 is read as Windows-1252. Empty files, binary content,
 * archives and spreadsheets give an issue instead of text; nothing here throws.
 */
import { issueError, type ImportIssue } from './issues';

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export type DecodedText =
	| { ok: true; text: string; encoding: TextEncodingName; bom: boolean }
	| { ok: false; issue: ImportIssue };

/** Above this share of control characters, the content is not text. */
const MAX_CONTROL_SHARE = 0.01;
/** How much of the start of the file the binary checks look at. */
const SNIFF_BYTES = 65_536;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
	return signature.every((b, i) => bytes[i] === b);
}

/** Recognises archives, spreadsheets and other binary formats by their magic numbers. */
function sniffBinary(bytes: Uint8Array): ImportIssue | null {
	if (startsWith(bytes, [0x1f, 0x8b])) return issueError('file-compressed', {}, { format: 'gzip' });
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
		return head.includes('xl/') || head.includes('[Content_Types].xml')
			? issueError('file-spreadsheet', {}, { format: 'XLSX' })
			: issueError('file-compressed', {}, { format: 'zip' });
	}
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return issueError('file-spreadsheet', {}, { format: 'XLS' });
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return issueError('file-binary', {}, { format: 'PDF' });
	return null;
}

function controlShare(text: string): number {
	const n = Math.min(text.length, SNIFF_BYTES);
	if (n === 0) return 0;
	let control = 0;
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) {
			control++;
		}
	}
	return control / n;
}

/**
 * Decodes an uploaded file. The BOM, if any, is removed from `text`.
 * Returns `{ ok: false, issue }` for an empty file (or only blanks), binary content,
 * a compressed archive or a spreadsheet (with the format named).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
	if (bytes.length === 0) return { ok: false, issue: issueError('file-empty') };
	const sniffed = sniffBinary(bytes);
	if (sniffed) return { ok: false, issue: sniffed };

	let text: string;
	let encoding: TextEncodingName;
	let bom = false;
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
		bom = true;
		text = new TextDecoder(encoding).decode(bytes.subarray(2));
	} else {
		const sniff = bytes.subarray(0, SNIFF_BYTES);
		if (sniff.includes(0)) return { ok: false, issue: issueError('file-binary') };
		bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
		try {
			text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
			encoding = 'utf-8';
		} catch {
			text = new TextDecoder('windows-1252').decode(bytes);
			encoding = 'windows-1252';
			bom = false;
		}
	}
	if (controlShare(text) > MAX_CONTROL_SHARE) return { ok: false, issue: issueError('file-binary') };
	if (text.trim() === '') return { ok: false, issue: issueError('file-empty') };
	return { ok: true, text, encoding, bom };
}
