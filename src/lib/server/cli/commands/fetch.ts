/**
 * `maillage fetch communes --departement 86`: downloads the communes of a département from
 * geo.api.gouv.fr (contours, centres, populations, EPCI; base URL MAILLAGE_GEO_API_URL) and
 * imports them through the same pipeline as `maillage import communes` — the `centre` given by
 * the service becomes the supplied reference point. Service failures exit 3 in French.
 */
import { UsageError } from '../args';
import { defineCommand, defineGroup } from '../registry';
import { formatSize, runImportCommand } from './import';

const communesCommand = defineCommand({
	name: 'communes',
	summary: 'Télécharge les communes d’un département depuis geo.api.gouv.fr et les importe',
	description:
		'Contours, centres, populations et EPCI des communes du département, au format GeoJSON, puis import comme ' +
		'« maillage import communes » (tout ou rien, journal d’import) : sur une base neuve, le département devient le ' +
		'territoire de travail, et les contours des EPCI sont tracés à partir de leurs communes. Nécessite un accès à Internet ; l’adresse du ' +
		'service se règle par MAILLAGE_GEO_API_URL (par défaut https://geo.api.gouv.fr). ' +
		'Codes de sortie : 0 importé, 1 refusé, 2 usage (département inconnu), 3 service injoignable, en erreur ou trop lent.',
	options: {
		departement: {
			type: 'string',
			required: true,
			description: 'Code du département : 01 à 95, 2A, 2B, 971 à 976',
			valueName: 'CODE'
		},
		timeout: { type: 'number', default: 60, description: 'Délai maximal du téléchargement, en secondes', valueName: 'SECONDES' },
		skipInvalid: { type: 'boolean', description: 'Écrit les communes valides et signale les autres, au lieu de tout refuser' },
		json: { type: 'boolean', description: 'Écrit le rapport d’import en JSON sur la sortie standard' },
		tout: { type: 'boolean', description: 'Garde les communes même hors du territoire de travail et de sa bande frontalière' }
	},
	examples: ['maillage fetch communes --departement 86', 'maillage fetch communes --departement 2A --json > rapport.json'],
	async run(ctx) {
		const { findDepartement } = await import('../../fetch/departements');
		const departement = findDepartement(ctx.options.departement);
		if (!departement) {
			throw new UsageError(
				`département inconnu : « ${ctx.options.departement} ». Codes attendus : 01 à 95, 2A, 2B (Corse), 971 à 976 (outre-mer).`
			);
		}
		if (!(ctx.options.timeout > 0)) throw new UsageError('--timeout attend un nombre de secondes positif.');
		const [{ geoApiBaseUrl, departementCommunesUrl, download }, { maxUploadBytes }] = await Promise.all([
			import('../../fetch/geo-api'),
			import('../../import/limits')
		]);
		const baseUrl = geoApiBaseUrl(ctx.env);
		const url = departementCommunesUrl(baseUrl, departement.code);
		ctx.info(`Téléchargement des communes de ${departement.name} (${departement.code}) depuis ${new URL(baseUrl).host}…`);
		let lastReported = 0;
		const bytes = await download(url, {
			timeoutMs: Math.round(ctx.options.timeout * 1000),
			maxBytes: maxUploadBytes(ctx.env),
			signal: ctx.signal,
			onProgress(received, total) {
				if (received - lastReported < 2 * 1024 * 1024) return;
				lastReported = received;
				ctx.info(`Téléchargement : ${formatSize(received)}${total ? ` / ${formatSize(total)}` : ''}`);
			}
		});
		ctx.info(`Téléchargé : ${formatSize(bytes.byteLength)}.`);
		return runImportCommand(ctx, {
			kind: 'communes',
			fileName: `${new URL(baseUrl).host}/departements/${departement.code}/communes.geojson`,
			bytes,
			skipInvalid: ctx.options.skipInvalid,
			json: ctx.options.json,
			keepAll: ctx.options.tout
		});
	}
});

export default defineGroup({
	name: 'fetch',
	summary: 'Télécharge des données ouvertes (geo.api.gouv.fr) et les importe',
	commands: [communesCommand]
});
