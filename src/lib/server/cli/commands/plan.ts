/**
 * `maillage plan …`: location planning over the database. `plan sites` proposes sites for new
 * EVS or centres sociaux (MCLP: `--k` sites covering the most inhabitants not covered yet; or the
 * LSCP variant: `--target-share`, the fewest sites reaching that share of the population covered),
 * existing structures fixed. French summary on stderr; `--json` prints
 * `{ parameters, baseline, sites, totals, timings }` on stdout.
 */
import { UsageError } from '../args';
import { defineCommand, defineGroup } from '../registry';

const sitesCommand = defineCommand({
	name: 'sites',
	summary: 'Propose des sites pour de nouvelles structures (couverture maximale)',
	description:
		'Choisit parmi les communes (leur point de référence) les sites où de nouvelles structures du type choisi ' +
		'couvriraient le plus d’habitants aujourd’hui non couverts, les structures existantes restant en place ' +
		'(sélection gloutonne améliorée par échanges). Avec --target-share, cherche le plus petit nombre de sites ' +
		'pour atteindre cette part de population couverte. Les seuils sont les paramètres départementaux en vigueur ' +
		'à la date. Chaque site est expliqué : communes couvertes, habitants, familles, catégories.',
	options: {
		k: { type: 'number', description: 'Nombre de sites à proposer', valueName: 'N' },
		type: { type: 'string', description: 'Type de structure : EVS ou CS', default: 'EVS', valueName: 'TYPE' },
		targetShare: { type: 'number', description: 'Part de la population à couvrir, en % (au lieu de --k)', valueName: 'POURCENTAGE' },
		epci: { type: 'string', description: 'Candidats limités aux communes d’un EPCI (SIREN)', valueName: 'SIREN' },
		only: { type: 'string', description: 'Candidats limités aux communes dépourvues et/ou isolées', valueName: 'depourvue,isolee' },
		weight: {
			type: 'string',
			description: 'Ce qui est maximisé : population, need (population pondérée par les besoins) ou priority (population des QPV et des ZFRR)',
			default: 'population',
			valueName: 'POIDS'
		},
		scenario: { type: 'number', description: 'Part de la situation d’un scénario enregistré plutôt que de la situation actuelle', valueName: 'ID' },
		date: { type: 'string', description: 'Date d’analyse (agréments et paramètres en vigueur), par défaut aujourd’hui', valueName: 'AAAA-MM-JJ' },
		json: { type: 'boolean', description: 'Écrit le résultat complet en JSON sur la sortie standard' }
	},
	examples: [
		'maillage plan sites --k 3 --type EVS',
		'maillage plan sites --k 2 --type CS --only depourvue,isolee --weight need',
		'maillage plan sites --target-share 95 --type EVS --json > sites.json'
	],
	async run(ctx) {
		const [planning, { isoDateInParis }, { isIsoDate }] = await Promise.all([import('$lib/planning'), import('$lib/format'), import('$lib/analysis')]);
		const { options } = ctx;
		const date = options.date ?? isoDateInParis(new Date());
		if (!isIsoDate(date)) throw new UsageError(`Date invalide « ${date} » : AAAA-MM-JJ attendu.`);
		const { request, issues } = planning.parseRecommendRequest({
			type: options.type,
			k: options.k ?? null,
			targetShare: options.targetShare ?? null,
			only: options.only ?? null,
			epci: options.epci ?? null,
			weight: options.weight
		});
		if (!request) throw new UsageError(issues.map(planning.requestIssueText).join(' '));
		if (options.scenario !== undefined && !(Number.isInteger(options.scenario) && options.scenario > 0)) {
			throw new UsageError(`Numéro de scénario invalide « ${options.scenario} ».`);
		}

		const opened = performance.now();
		const [handle, scenarios] = await Promise.all([ctx.openMigratedDb(), import('../../db/scenarios')]);
		await ctx.checkpoint();
		const openMs = performance.now() - opened;
		const planned = await scenarios.planSites(handle.db, date, request, options.scenario ?? null);
		for (const line of describe(planned.recommendation, planned.scenario?.name ?? null, planning, planned.centreOf)) ctx.info(line);
		const t = planned.recommendation.timings!;
		ctx.info(
			`Calcul : ${ms(t.total)} (candidats et couvertures ${ms(t.candidates + t.coverageSets)}, optimisation ${ms(t.solve)}) ; ` +
				`situation de départ ${ms(planned.baselineMs)} ; lecture de la base ${ms(planned.loadMs)} (ouverture ${ms(openMs)}).`
		);
		const road = planned.travelTimes?.complete;
		if (road) ctx.info(`Temps de trajet : par la route (${road.source}), calculés jusqu’à ${road.cutoffMinutes} min ; au-delà, hors d’atteinte.`);
		if (options.json) ctx.json(scenarios.plannedSitesJson(planned));
	}
});

const ms = (v: number) => `${v < 10 ? v.toFixed(1).replace('.', ',') : Math.round(v)} ms`;

/** The French summary printed on stderr. */
function describe(
	r: import('$lib/planning').Recommendation,
	scenarioName: string | null,
	planning: typeof import('$lib/planning'),
	centreOf: import('../../db/scenarios').PlannedSites['centreOf']
): string[] {
	const { formatInt } = planning;
	const p = r.parameters;
	const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1).replace('.', ',')} %`);
	const typeName = p.type === 'CS' ? 'centres sociaux' : 'EVS';
	const radius = `${String(p.radius).replace('.', ',')} ${p.unit}`;
	const restriction = [
		p.only.length > 0 ? `communes ${p.only.map((o) => (o === 'depourvue' ? 'dépourvues' : 'isolées')).join(' ou ')}` : null,
		p.epci ? `EPCI ${p.epci}` : null
	].filter(Boolean);
	const lines: string[] = [];
	const goal =
		p.mode === 'mclp'
			? `${p.k} site${p.k! >= 2 ? 's' : ''} pour de nouveaux ${typeName}`
			: `le plus petit nombre de sites de nouveaux ${typeName} pour couvrir ${pct(p.targetShare)} de la population`;
	lines.push(
		`Proposition : ${goal} (rayon ${radius}), parmi ${formatInt(p.candidates)} communes candidates${restriction.length ? ` (${restriction.join(', ')})` : ''} — au ${p.date}` +
			(p.weight === 'need' ? `, population pondérée par les besoins (${p.needIndicator})` : p.weight === 'priority' ? ', population des QPV et des ZFRR d’abord' : '') +
			'.'
	);
	const b = r.baseline;
	lines.push(
		`${scenarioName ? `Situation du scénario « ${scenarioName} »` : 'Situation actuelle'} : ${pct(b.shareCovered)} de la population couverte ` +
			`(${formatInt(b.coveredPopulation)} habitants sur ${formatInt(b.population)}) ; ${formatInt(b.depourvues.communes)} communes dépourvues ` +
			`(${formatInt(b.depourvues.population)} habitants) ; ${formatInt(b.reachablePopulation)} habitants non couverts à portée d’un site candidat.`
	);
	if (r.sites.length === 0) lines.push('Aucun site ne couvrirait d’habitant supplémentaire.');
	for (const site of r.sites) {
		lines.push(`${site.rank}. ${site.name}${site.communeCode && site.communeCode !== site.name ? ` (${site.communeCode})` : ''} : +${formatInt(site.newlyCoveredPopulation)} habitants`);
		for (const line of planning.explainSite(site, p.type, centreOf)) lines.push(`   ${line}`);
	}
	const t = r.totals;
	lines.push(
		`Total : +${formatInt(t.newlyCoveredPopulation)} habitants dans ${formatInt(t.newlyCoveredCommunes)} communes nouvellement couvertes` +
			(t.newlyCoveredFamilies !== null ? ` (${formatInt(t.newlyCoveredFamilies)} familles)` : '') +
			` ; part couverte ${pct(b.shareCovered)} → ${pct(t.shareCovered)}.`
	);
	if (p.mode === 'lscp' && t.reached === false) lines.push('La part visée n’est pas atteignable avec ces candidats : la proposition couvre le plus possible.');
	if (p.mode === 'mclp' && t.objective > t.greedyObjective) {
		lines.push(`La recherche locale (${t.swaps} échange${t.swaps >= 2 ? 's' : ''}) a amélioré le choix glouton de ${formatInt(t.objective - t.greedyObjective)}${p.weight === 'population' ? ' habitants' : p.weight === 'priority' ? ' (population des QPV et ZFRR)' : ' (population pondérée par les besoins)'}.`);
	}
	return lines;
}

export default defineGroup({
	name: 'plan',
	summary: 'Planification : sites proposés pour de nouvelles structures',
	commands: [sitesCommand]
});
