import { describe, expect, it } from 'vitest';
import { downloadResponse } from './download';

describe('downloadResponse', () => {
	it('sends the body as an attachment, CSV by default, never cached', async () => {
		const response = downloadResponse('a;b\r\n1;2\r\n', 'maillage-test.csv');
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="maillage-test.csv"');
		expect(response.headers.get('Cache-Control')).toBe('private, no-store');
		expect(await response.text()).toBe('a;b\r\n1;2\r\n');
	});

	it('takes another type (PDF, JSON)', () => {
		expect(downloadResponse(new Uint8Array([37, 80]), 'dossier.pdf', 'application/pdf').headers.get('Content-Type')).toBe('application/pdf');
	});
});
