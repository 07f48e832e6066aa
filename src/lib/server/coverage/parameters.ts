/**
 * The coverage parameters in force at a date: for each `analysis.*` key of `reference_parameter`,
 * the row with the latest `valid_from` on or before the date whose `valid_until` (inclusive) has
 * not passed. A later-dated row therefore supersedes an earlier one without closing it. Options
 * without a row in force keep the engine's documented default, said so in their source.
 */
import type { Kysely } from 'kysely';
import { DEFAULT_COVERAGE_OPTIONS, resolveCoverageOptions, type CoverageOptions, type CoverageOptionsInput } from '$lib/analysis';
import { RejectedDataError } from '../errors';
import type { Database } from '../db/schema';
import {
	ORIGIN_REGIMES,
	PARAMETER_DEFINITIONS,
	applyParameter,
	definitionOfOption,
	readOption,
	type ParameterSource
} from './parameter-definitions';

/** A reference row as read. */
interface ParameterRow {
	key: string;
	valid_from: string;
	valid_until: string | null;
	value: unknown;
	unit: string | null;
	regime: string;
	source: string | null;
}

/** Options built from reference data, and where each came from. */
export interface CoverageParameters {
	/** Engine options (without the date). */
	options: CoverageOptionsInput;
	/** One entry per parameter definition, in display order. */
	sources: ParameterSource[];
}

/** The `analysis.*` rows (or those of another `prefix`) in force on `date` (`YYYY-MM-DD`), one per key (latest `valid_from`). */
export async function parameterRowsInForce(db: Kysely<Database>, date: string, prefix = 'analysis.'): Promise<Map<string, ParameterRow>> {
	const rows = await db
		.selectFrom('reference_parameter')
		.select(['key', 'valid_from', 'valid_until', 'value', 'unit', 'regime', 'source'])
		.where('key', 'like', `${prefix}%`)
		.where('valid_from', '<=', date)
		.where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', date)]))
		.orderBy('key')
		.orderBy('valid_from', 'desc')
		.execute();
	const latest = new Map<string, ParameterRow>();
	for (const row of rows) if (!latest.has(row.key)) latest.set(row.key, row);
	return latest;
}

/**
 * The engine options set by the reference data in force on `date`.
 *
 * @throws RejectedDataError (French) when a row in force holds a value the engine cannot use
 */
export async function loadCoverageParameters(db: Kysely<Database>, date: string): Promise<CoverageParameters> {
	const rows = await parameterRowsInForce(db, date);
	const options: CoverageOptionsInput = {};
	const sources: ParameterSource[] = [];
	for (const definition of PARAMETER_DEFINITIONS) {
		const row = rows.get(definition.key);
		if (!row) {
			sources.push({
				option: definition.option,
				key: definition.key,
				label: definition.label,
				value: readOption(DEFAULT_COVERAGE_OPTIONS, definition.option),
				unit: definition.unit,
				origin: 'default',
				regime: ORIGIN_REGIMES.default,
				validFrom: null,
				validUntil: null,
				source: null
			});
			continue;
		}
		const value = definition.parse(row.value);
		if (value === undefined) {
			throw new RejectedDataError(
				`Le paramètre « ${definition.key} » en vigueur au ${row.valid_from} a une valeur inutilisable (${JSON.stringify(row.value)}) : corrigez-le dans les paramètres de référence.`
			);
		}
		applyParameter(options, definition.option, value);
		sources.push({
			option: definition.option,
			key: definition.key,
			label: definition.label,
			value,
			unit: row.unit ?? definition.unit,
			origin: 'reference',
			regime: row.regime,
			validFrom: row.valid_from,
			validUntil: row.valid_until,
			source: row.source
		});
	}
	// The combination must hold too (e.g. a need-weighted demand with a valid blend).
	try {
		resolveCoverageOptions(options);
	} catch (error) {
		throw new RejectedDataError(`Paramètres d’analyse en vigueur au ${date} incohérents : ${(error as Error).message}`);
	}
	return { options, sources };
}

/** Threshold overrides a user may give for one run, in km or in minutes (per `analysis.metric`). */
export interface CoverageOverrides {
	radiusCsKm?: number;
	radiusEvsKm?: number;
	isolationKm?: number;
	radiusCsMinutes?: number;
	radiusEvsMinutes?: number;
	isolationMinutes?: number;
}

/**
 * `parameters` with user overrides applied: the options changed, and the sources of the options
 * overridden marked as such (value, origin `override`).
 */
export function withOverrides(parameters: CoverageParameters, overrides: CoverageOverrides): CoverageParameters {
	const options: CoverageOptionsInput = structuredClone(parameters.options);
	const sources = parameters.sources.map((s) => ({ ...s }));
	for (const [option, value] of Object.entries(overrides)) {
		if (value === undefined) continue;
		applyParameter(options, option, value);
		const source = sources.find((s) => s.option === option);
		const definition = definitionOfOption(option);
		if (source && definition) {
			Object.assign(source, {
				value,
				unit: definition.unit,
				origin: 'override',
				regime: ORIGIN_REGIMES.override,
				validFrom: null,
				validUntil: null,
				source: null
			} satisfies Partial<ParameterSource>);
		}
	}
	return { options, sources };
}

/** The resolved options of a run, with their sources, as the JSON `parameters` shows them. */
export type ReportedParameters = CoverageOptions & { sources: ParameterSource[] };
