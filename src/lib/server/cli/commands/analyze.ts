/**
 * `maillage analyze …`: analyses over the database. `analyze coverage` computes the coverage gaps
 * (dépourvues, isolées, à renforcer) with the parameters in force at the date, prints a French
 * summary on stderr and, with `--json`, the full report on stdout.
 */
import type { CoverageRequest } from '../../coverage/request';
import { defineCommand, defineGroup } from '../registry';
import { UsageError } from '../args';

const coverageCommand = defineCommand({
	name: 'coverage',
	summary: 'Couverture du territoire : communes dépourvues, isolées, à renforcer',
	description:
		'Analyse chaque commune avec les structures dont l’agrément est en vigueur à la date choisie (par défaut ' +
		'aujourd’hui) et les paramètres départementaux en vigueur à cette date ; les options remplacent un seuil ' +
		'pour cette analyse seulement, en km ou en minutes selon la mesure des seuils en vigueur (paramètre ' +
		'analysis.metric) : --radius-cs, --radius-evs, --isolation en km ; --radius-cs-minutes, --radius-evs-minutes, ' +
		'--isolation-minutes en minutes de trajet (matrice importée, sinon estimation depuis la distance). Résumé en ' +
		'français sur la sortie d’erreur ; avec --json, le détail par commune ({ parameters, summary, timings, communes }, ' +
		'et travelTimes avec des seuils en minutes) sur la sortie standard.',
	options: {
		json: { type: 'boolean', description: 'Écrit le résultat complet en JSON sur la sortie standard' },
		radiusCs: { type: 'number', description: 'Rayon d’un centre social, en km', valueName: 'KM' },
		radiusEvs: { type: 'number', description: 'Rayon d’un espace de vie sociale, en km', valueName: 'KM' },
		isolation: { type: 'number', description: 'Distance au pôle d’activités au-delà de laquelle une commune est isolée, en km', valueName: 'KM' },
		radiusCsMinutes: { type: 'number', description: 'Rayon d’un centre social, en minutes de trajet (seuils en minutes)', valueName: 'MIN' },
		radiusEvsMinutes: { type: 'number', description: 'Rayon d’un espace de vie sociale, en minutes de trajet (seuils en minutes)', valueName: 'MIN' },
		isolationMinutes: {
			type: 'number',
			description: 'Temps de trajet au pôle d’activités au-delà duquel une commune est isolée, en minutes (seuils en minutes)',
			valueName: 'MIN'
		},
		date: { type: 'string', description: 'Date d’analyse (agréments et paramètres en vigueur), par défaut aujourd’hui', valueName: 'AAAA-MM-JJ' }
	},
	examples: [
		'maillage analyze coverage',
		'maillage analyze coverage --radius-cs 10 --isolation 20',
		'maillage analyze coverage --radius-cs-minutes 20 --isolation-minutes 25',
		'maillage analyze coverage --date 2025-01-01 --json > couverture.json'
	],
	async run(ctx) {
		const [{ parseCoverageRequest, CLI_NAMES, runCoverageAnalysis, describeCoverageRun }, { isoDateInParis }] = await Promise.all([
			import('../../coverage/index'),
			import('$lib/format')
		]);
		let request: CoverageRequest;
		try {
			request = parseCoverageRequest(
				{
					date: ctx.options.date,
					radiusCsKm: ctx.options.radiusCs,
					radiusEvsKm: ctx.options.radiusEvs,
					isolationKm: ctx.options.isolation,
					radiusCsMinutes: ctx.options.radiusCsMinutes,
					radiusEvsMinutes: ctx.options.radiusEvsMinutes,
					isolationMinutes: ctx.options.isolationMinutes
				},
				isoDateInParis(new Date()),
				CLI_NAMES
			);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		const handle = await ctx.openMigratedDb();
		await ctx.checkpoint();
		const run = await runCoverageAnalysis(handle.db, request, CLI_NAMES);
		for (const line of describeCoverageRun(run)) ctx.info(line);
		if (ctx.options.json) ctx.json(run.report);
	}
});

export default defineGroup({
	name: 'analyze',
	summary: 'Analyses du territoire (couverture, isolement, besoins)',
	commands: [coverageCommand]
});
