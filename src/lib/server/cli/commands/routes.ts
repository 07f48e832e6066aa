/**
 * `maillage routes …`: road travel times. `routes compute <EXTRAIT>` reads an OpenStreetMap extract
 * (or asks an OSRM server with `--osrm URL` / `MAILLAGE_OSRM_URL`), computes every commune →
 * commune, structure and pole time within the cutoff and replaces the previous computed times in
 * one transaction; `routes status` says what is stored.
 */
import { defineCommand, defineGroup } from '../registry';
import { UsageError } from '../args';
import type { ComputeProgress } from '../../routing/compute';

const nf = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
const mb = (bytes: number) => `${nf(bytes / 1e6, 1)} Mo`;
const seconds = (ms: number) => `${nf(ms / 1000, 1)} s`;

/** Progress lines on stderr: every 10 % of each step, and each step's summary. */
function progressPrinter(info: (line: string) => void): (e: ComputeProgress) => void {
	let lastKey = '';
	let lastTenth = -1;
	const every = (key: string, done: number, total: number, line: (pct: number) => string) => {
		const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
		if (key !== lastKey) {
			lastKey = key;
			lastTenth = -1;
		}
		if (tenth === lastTenth) return;
		lastTenth = tenth;
		info(line(tenth * 10));
	};
	return (e) => {
		switch (e.step) {
			case 'hash':
				every('hash', e.bytes, e.total, (p) => `Empreinte de l’extrait : ${p} % (${mb(e.bytes)} sur ${mb(e.total)})`);
				break;
			case 'read':
				every(`read-${e.pass}`, e.bytes, e.total, (p) =>
					e.pass === 'ways' ? `Lecture 1/2 (routes) : ${p} % (${mb(e.bytes)} sur ${mb(e.total)})` : `Lecture 2/2 (nœuds des routes) : ${p} % (${mb(e.bytes)} sur ${mb(e.total)})`
				);
				break;
			case 'graph': {
				const s = e.stats;
				info(
					`Graphe${e.cached ? ' (repris du cache)' : ''} : ${nf(s.nodes)} nœuds routiers, ${nf(s.vertices)} carrefours, ` +
						`${nf(s.components)} composantes fortement connexes ; la plus grande garde ${nf(s.verticesKept)} carrefours, ` +
						`${nf(s.nodesKept)} nœuds et ${nf(s.edges)} arcs (${seconds(e.ms)}).`
				);
				if (e.cacheError) info(`Attention : graphe non mis en cache (${e.cacheError}) ; le prochain calcul relira l’extrait.`);
				break;
			}
			case 'snap': {
				info(`Raccordement au réseau : ${nf(e.snapped)} points sur ${nf(e.total)}.`);
				if (e.unsnapped.length > 0) {
					const kinds = { commune: 'commune', structure: 'structure', pole: 'pôle' } as const;
					info(`${nf(e.unsnapped.length)} point(s) loin de toute route, sans temps de trajet (hors d’atteinte) :`);
					for (const p of e.unsnapped.slice(0, 20)) info(`  - ${kinds[p.kind]} ${p.name} (${p.key})`);
					if (e.unsnapped.length > 20) info(`  - … et ${nf(e.unsnapped.length - 20)} autres`);
				}
				break;
			}
			case 'times':
				every('times', e.done, e.total, (p) => `Temps de trajet : ${p} % (${nf(e.done)} sur ${nf(e.total)})`);
				break;
		}
	};
}

const computeCommand = defineCommand({
	name: 'compute',
	summary: 'Calcule les temps de trajet par la route depuis un extrait OpenStreetMap (ou un serveur OSRM)',
	description:
		'Lit l’extrait OpenStreetMap (.osm.pbf, ou .osm / .osm.gz pour un petit fichier), construit le graphe routier ' +
		'(mis en cache dans le dossier de données, jamais dans la base), raccorde chaque commune, structure et pôle au ' +
		'réseau et calcule tous les temps commune → commune, commune → structure et commune → pôle jusqu’au plus grand ' +
		'seuil en minutes en vigueur (zone d’attraction comprise). Les temps calculés remplacent les précédents en une ' +
		'seule transaction ; une matrice importée garde la priorité. Avec --osrm URL (ou MAILLAGE_OSRM_URL), les temps ' +
		'viennent du service table de ce serveur OSRM. Progression sur la sortie d’erreur ; avec --json, le bilan sur la ' +
		'sortie standard. Codes de sortie : 1 extrait refusé (tronqué, illisible, ne couvrant pas le territoire), ' +
		'3 serveur OSRM injoignable ou en erreur.',
	arguments: [{ name: 'EXTRAIT', description: 'Extrait OpenStreetMap de la région ou du département (.osm.pbf)', required: false }],
	examples: [
		'maillage routes compute poitou-charentes-latest.osm.pbf',
		'maillage routes compute --osrm http://localhost:5000',
		'MAILLAGE_OSRM_URL=http://osrm.interne:5000 maillage routes compute'
	],
	options: {
		json: { type: 'boolean', description: 'Écrit le bilan en JSON sur la sortie standard' },
		osrm: { type: 'string', description: 'Adresse d’un serveur OSRM à interroger au lieu de l’extrait (sinon MAILLAGE_OSRM_URL)', valueName: 'URL' },
		date: { type: 'string', description: 'Date des paramètres de référence (vitesses, seuils), par défaut aujourd’hui', valueName: 'AAAA-MM-JJ' }
	},
	async run(ctx) {
		const osrmUrl = ctx.options.osrm?.trim() || ctx.env.MAILLAGE_OSRM_URL?.trim() || null;
		const [file] = ctx.positionals;
		if (!file && !osrmUrl) throw new UsageError('indiquez l’extrait OpenStreetMap (.osm.pbf), ou un serveur OSRM avec --osrm URL.');
		if (file && ctx.options.osrm) throw new UsageError('donnez l’extrait ou --osrm, pas les deux.');
		const { isoDateInParis } = await import('$lib/format');
		const date = ctx.options.date ?? isoDateInParis(new Date());
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new UsageError(`date invalide : « ${date} » (AAAA-MM-JJ attendu).`);
		const [{ computeRoadTimes }, { writeComputedTimes }, { routesCacheDir }, { projectRoot }] = await Promise.all([
			import('../../routing/compute'),
			import('../../routing/write'),
			import('../../routing/graph-cache'),
			import('../context')
		]);
		const handle = await ctx.openMigratedDb();
		await ctx.checkpoint();
		const started = performance.now();
		const useOsrm = !file && osrmUrl;
		if (useOsrm) ctx.info(`Temps de trajet demandés au serveur OSRM ${osrmUrl}.`);
		else ctx.info(`Extrait : ${file}`);
		const times = await computeRoadTimes(handle.db, {
			file: useOsrm ? undefined : ctx.resolvePath(file!),
			fileName: file,
			osrmUrl: useOsrm ? osrmUrl : null,
			date,
			cacheDir: routesCacheDir(ctx.env, ctx.dbConfig().dataDir, projectRoot),
			signal: ctx.signal,
			onProgress: progressPrinter(ctx.info)
		});
		await ctx.checkpoint();
		ctx.info(`Écriture de ${nf(times.rows.length)} temps de trajet…`);
		const written = await writeComputedTimes(handle.db, times, () => ctx.checkpoint());
		const p = times.details.pairs;
		ctx.info(
			`Terminé en ${seconds(performance.now() - started)} : ${nf(written)} temps enregistrés (source ${times.source}, jusqu’à ${nf(times.cutoffMinutes)} min) — ` +
				`commune → commune ${nf(p.commune)}, → structure ${nf(p.structure)}, → pôle ${nf(p.pole)}. ` +
				'Passez l’analyse en minutes (paramètre analysis.metric, ou l’interrupteur de la carte) pour les utiliser.'
		);
		if (ctx.options.json) {
			ctx.json({ source: times.source, kind: times.kind, cutoffMinutes: times.cutoffMinutes, fileName: times.fileName, extractDate: times.extractDate, written, details: times.details });
		}
	}
});

const statusCommand = defineCommand({
	name: 'status',
	summary: 'Sources des temps de trajet enregistrés (calculés, importés)',
	options: { json: { type: 'boolean', description: 'Écrit les sources en JSON sur la sortie standard' } },
	async run(ctx) {
		const { loadTravelTimeSources } = await import('../../coverage/inputs');
		const handle = await ctx.openMigratedDb();
		const sources = await loadTravelTimeSources(handle.db);
		if (sources.length === 0) ctx.info('Aucun temps de trajet enregistré : lancez « maillage routes compute <extrait.osm.pbf> ».');
		for (const s of sources) {
			ctx.info(
				s.kind === 'import'
					? `${s.source} : ${nf(s.pairs)} temps importés (priment sur les temps calculés).`
					: `${s.source} : ${nf(s.pairs)} temps calculés le ${s.computedAt.slice(0, 10)}, complets jusqu’à ${nf(s.cutoffMinutes ?? 0)} min.`
			);
		}
		if (ctx.options.json) ctx.json(sources);
	}
});

export default defineGroup({
	name: 'routes',
	summary: 'Temps de trajet par la route (OpenStreetMap, OSRM)',
	commands: [computeCommand, statusCommand]
});
