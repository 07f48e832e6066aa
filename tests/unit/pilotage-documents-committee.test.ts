import { describe, expect, it } from 'vitest';
import { attachmentHeader, detectDocumentType, extensionOf, safeFileName, sniffFamily } from '../../src/lib/pilotage/document-type';
import { COMMITTEE_SCREENS, nextScreen, screenFromParam, screensOf } from '../../src/lib/pilotage/committee-figures';
import { parseDecisionForm } from '../../src/lib/pilotage/decision-form';

const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};
/** A zip local file header naming its first entry, followed by `content` (stored). */
function zipWith(name: string, content: string): Uint8Array {
	const header = new Uint8Array(30);
	header.set([0x50, 0x4b, 0x03, 0x04]);
	header[26] = name.length;
	return concat(header, enc(name), enc(content));
}
const PDF = enc('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const DOCX = zipWith('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
const ODT = zipWith('mimetype', 'application/vnd.oasis.opendocument.text');
const OLE = concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), new Uint8Array(100));
const MB = 1024 * 1024;

describe('detectDocumentType(fileName, bytes, maxBytes)', () => {
	it('recognises PDF, Office Open XML, OpenDocument and legacy Office from their bytes', () => {
		expect(sniffFamily(PDF)).toBe('pdf');
		expect(detectDocumentType('Projet social 2025.PDF', PDF, MB)).toEqual({ ok: true, type: { extension: 'pdf', mediaType: 'application/pdf', label: 'PDF' } });
		expect(detectDocumentType('convention.docx', DOCX, MB)).toMatchObject({ ok: true, type: { extension: 'docx' } });
		expect(detectDocumentType('budget.xlsx', DOCX, MB)).toMatchObject({ ok: true, type: { extension: 'xlsx' } });
		expect(detectDocumentType('délibération.odt', ODT, MB)).toMatchObject({ ok: true, type: { mediaType: 'application/vnd.oasis.opendocument.text' } });
		expect(detectDocumentType('ancien.doc', OLE, MB)).toMatchObject({ ok: true, type: { extension: 'doc' } });
	});
	it('refuses a file whose content does not match its extension, saying what it is', () => {
		expect(detectDocumentType('projet.pdf', DOCX, MB)).toEqual({
			ok: false,
			message: 'Le contenu du fichier ne correspond pas à son extension « .pdf » : c’est un document Word (extension attendue : .docx, .xlsx, .pptx).'
		});
		expect(detectDocumentType('tableur.ods', ODT, MB)).toMatchObject({ ok: false, message: expect.stringMatching(/OpenDocument ne correspond pas/) });
	});
	it('refuses other formats, empty and too large files in French', () => {
		expect(detectDocumentType('script.pdf', enc('MZ\x90\x00'), MB)).toMatchObject({ ok: false, message: expect.stringMatching(/^Format non accepté/) });
		expect(detectDocumentType('page.html', enc('<html>'), MB).ok).toBe(false);
		expect(detectDocumentType('archive.zip', zipWith('a.txt', 'x'), MB).ok).toBe(false);
		expect(detectDocumentType('vide.pdf', new Uint8Array(), MB)).toEqual({ ok: false, message: 'Le fichier est vide.' });
		expect(detectDocumentType('gros.pdf', PDF, 10)).toMatchObject({ ok: false, message: expect.stringMatching(/la limite est de/) });
	});
	it('builds a safe attachment header with the UTF-8 name', () => {
		expect(extensionOf('a.b.PdF')).toBe('pdf');
		expect(safeFileName('C:\\temp\\"projet"\u0007.pdf')).toBe('projet.pdf');
		expect(attachmentHeader('Délibération n°3.pdf')).toBe(`attachment; filename="Deliberation n_3.pdf"; filename*=UTF-8''D%C3%A9lib%C3%A9ration%20n%C2%B03.pdf`);
	});
});

describe('committee navigation', () => {
	it('nextScreen(current, key) moves with the arrows, Home and End, and stays within the screens', () => {
		const n = COMMITTEE_SCREENS.length;
		expect(nextScreen(0, 'ArrowRight', n)).toBe(1);
		expect(nextScreen(n - 1, 'ArrowRight', n)).toBe(n - 1);
		expect(nextScreen(2, 'ArrowLeft', n)).toBe(1);
		expect(nextScreen(0, 'ArrowLeft', n)).toBe(0);
		expect(nextScreen(3, 'Home', n)).toBe(0);
		expect(nextScreen(0, 'End', n)).toBe(n - 1);
		expect(nextScreen(0, 'a', n)).toBeNull();
	});
	it('screenFromParam(raw) reads ?ecran= (1-based), clamped', () => {
		expect(screenFromParam(null)).toBe(0);
		expect(screenFromParam('3')).toBe(2);
		expect(screenFromParam('99')).toBe(COMMITTEE_SCREENS.length - 1);
		expect(screenFromParam('x')).toBe(0);
	});
	it('screensOf(figures) leaves out the screens of parts the audience may not see', () => {
		const table = { years: [], partners: [], yearTotals: [], total: 0 };
		expect(screensOf({ agrements: null, funding: { table, accordCadre: null } }).map((s) => s.key)).toEqual(['couverture', 'qpv', 'financements', 'schema', 'decisions']);
		expect(screensOf({ agrements: {} as never, funding: null }).map((s) => s.key)).toEqual(['couverture', 'qpv', 'agrements', 'schema', 'decisions']);
		expect(screenFromParam('6', 5)).toBe(4);
	});
});

describe('parseDecisionForm(fields, known, today)', () => {
	const known = { communeCodes: new Set(['00001', '2A004']), structureIds: new Set([3, 4]) };
	it('reads a decision with its communes and structures, without duplicates', () => {
		const r = parseDecisionForm({ decided_on: '2026-03-10', body: 'comite_pilotage', decision: ' Créer un EVS ', communes: ['2A004', '2A004'], structures: ['3'] }, known, '2026-03-15');
		expect(r).toEqual({ ok: true, value: { decidedOn: '2026-03-10', body: 'comite_pilotage', decision: 'Créer un EVS', communeCodes: ['2A004'], structureIds: [3] } });
	});
	it('refuses a future date, an unknown body, an empty text and unknown communes or structures', () => {
		const r = parseDecisionForm({ decided_on: '2026-04-01', body: 'mairie', decision: ' ', communes: ['99999'], structures: ['7'] }, known, '2026-03-15');
		expect(r.ok ? null : r.errors).toEqual({
			decided_on: 'La date de la décision ne peut pas être dans le futur.',
			body: 'Choisissez l’instance qui a décidé.',
			decision: 'Écrivez la décision.',
			communes: 'Commune inconnue : 99999.',
			structures: 'Une structure choisie n’existe pas.'
		});
	});
});
