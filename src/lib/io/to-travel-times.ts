/**
 * Travel times of a CSV file → travel-time items (issue 4): one row per pair,
 * `origine;destination;minutes`.
 * - `origine`: INSEE code of a commune of the database (a lost leading zero is restored, with a
 *   warning); a commune that is not loaded is an error.
 * - `destination`: the INSEE code of a commune of the database (the time then applies to every
 *   structure and pole located there), otherwise a structure: its id in Maillage, the `id` of the
 *   structures file, or its SIRET. Structures are resolved by the server half
 *   (`$lib/server/import/write-travel-times`), which knows them.
 * - `minutes`: a number of minutes > 0, decimal comma accepted (`12,5`).
 * A pair given twice is an error (natural key: origin + destination).
 */
import { normalizeCommuneCode } from '../domain/insee';
import { cell, openCsv, type ColumnSpec } from './columns';
import type { ImportContext } from './context';
import type { CsvTable } from './csv';
import { readCommuneCode } from './fields';
import { DuplicateKeys, hasErrors, issueError, nothingImported, type DomainResult, type ImportIssue } from './issues';
import { parseDecimal } from './values';

/** One travel time read from the file, destination not yet resolved. */
export interface TravelTimeInput {
	/** The CSV line, to place the server's own issues. */
	line: number;
	/** INSEE code of the origin commune (a commune of the database). */
	origin: string;
	/** The destination as written, trimmed; a SIRET typed with spaces or dots compacted. */
	destination: string;
	/** The commune of the database that `destination` designates as an INSEE code, else null. */
	destinationCommune: string | null;
	/**
	 * True when `destinationCommune` needed a restored leading zero (`1001` → `01001`): the value
	 * may then be a structure id too, and a structure with that key wins.
	 */
	destinationRestored: boolean;
	/** Travel time, minutes (> 0). */
	minutes: number;
	/** Column names as written in the file, to place issues. */
	columns: { origin: string; destination: string; minutes: string };
}

type Field = 'origine' | 'destination' | 'minutes';
const COLUMNS: readonly ColumnSpec<Field>[] = [
	{ field: 'origine', names: ['origine', 'origin', 'code_origine', 'commune_origine', 'code_commune_origine', 'depart'], required: true },
	{ field: 'destination', names: ['destination', 'code_destination', 'id_destination', 'arrivee'], required: true },
	{
		field: 'minutes',
		names: ['minutes', 'temps', 'temps_minutes', 'temps_de_trajet', 'temps_trajet', 'duree', 'duree_minutes', 'min'],
		required: true
	}
];

/** A destination as written, or a SIRET typed with spaces or dots compacted (`998 389 126 00017`). */
export function destinationKeyOf(raw: string): string {
	const text = raw.trim();
	return /^\d[\d\s\u00a0\u202f.]*$/.test(text) ? text.replace(/[\s\u00a0\u202f.]/g, '') : text;
}

/** Travel times of a CSV table, with every issue; the context gives the communes of the database. */
export function travelTimesFromCsv(table: CsvTable, ctx: ImportContext): DomainResult<TravelTimeInput> {
	const { issues, read, columns } = openCsv(table, COLUMNS);
	if (hasErrors(columns.issues)) return nothingImported(issues, read);
	const name = (f: Field) => columns.name[f] ?? f;
	const names = { origin: name('origine'), destination: name('destination'), minutes: name('minutes') };

	const items: TravelTimeInput[] = [];
	const seen = new DuplicateKeys();
	for (const record of table.records) {
		const own: ImportIssue[] = [];
		const at = (f: Field) => ({ line: record.line, column: name(f) });

		// Origin: a commune of the database.
		const originRaw = cell(columns, record, 'origine') ?? '';
		let origin: string | null = null;
		if (originRaw === '') own.push(issueError('required-missing', at('origine')));
		else {
			origin = readCommuneCode(originRaw, at('origine'), ctx.official, own, { checkOfficial: false });
			if (origin !== null && !ctx.communes.has(origin)) {
				own.push(issueError('travel-origin-unknown', at('origine'), { code: origin }));
				origin = null;
			}
		}

		// Destination: a commune of the database, else a structure key (resolved by the server).
		const destination = destinationKeyOf(cell(columns, record, 'destination') ?? '');
		let destinationCommune: string | null = null;
		let destinationRestored = false;
		if (destination === '') own.push(issueError('required-missing', at('destination')));
		else {
			const code = normalizeCommuneCode(destination);
			if (code && ctx.communes.has(code.code)) {
				destinationCommune = code.code;
				destinationRestored = code.restored;
			}
		}

		// Minutes: strictly positive.
		const minutesRaw = cell(columns, record, 'minutes') ?? '';
		const minutes = parseDecimal(minutesRaw);
		if (minutes === null) own.push(issueError('required-missing', at('minutes')));
		else if (minutes === undefined) own.push(issueError('number-invalid', at('minutes'), { value: minutesRaw }));
		else if (minutes <= 0) own.push(issueError('travel-minutes-not-positive', at('minutes'), { value: minutesRaw }));

		// One row per pair.
		if (origin !== null && destination !== '') {
			const target = destinationCommune !== null && !destinationRestored ? destinationCommune : destination;
			seen.check(`${origin}|${target}`, record.line, own, at('destination'), `${origin} → ${target}`);
		}

		issues.push(...own);
		if (hasErrors(own) || origin === null || typeof minutes !== 'number') continue;
		items.push({ line: record.line, origin, destination, destinationCommune, destinationRestored, minutes, columns: names });
	}
	return { items, issues, read, skipped: read - items.length };
}
