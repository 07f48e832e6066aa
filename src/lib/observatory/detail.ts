/**
 * The multi-valued sections of a structure-year, in « long » format: one row per structure × year
 * × section element (× public for activities). Three sections: activities (domain × public:
 * actions, participants), partners (kind: partners, conventions), contracts (type: employees,
 * ETP). Each section has its own code list (dated reference data) and its own measures; a measure
 * of another section must stay empty. Pure.
 */
import type { FieldDefinition } from './dictionary';
import type { CodeListKey, StructureYearData } from './year-fields';

export const DETAIL_SECTIONS = {
	activites: { label: 'Activités par domaine et public', list: 'activity_domains', withPublic: true, measures: ['actions', 'participants'] },
	partenaires: { label: 'Partenaires par type', list: 'partner_kinds', withPublic: false, measures: ['partenaires', 'conventions'] },
	contrats: { label: 'Salariés par type de contrat', list: 'contract_types', withPublic: false, measures: ['salaries', 'etp'] }
} as const satisfies Record<string, { label: string; list: CodeListKey; withPublic: boolean; measures: readonly string[] }>;

export type DetailSection = keyof typeof DETAIL_SECTIONS;

/** The name of the workbook's detail sheet (« Détail 2025 »): the import reads the sheet whose name starts with it. */
export const DETAIL_SHEET_PREFIX = 'Détail';
export const DETAIL_SECTION_KEYS = Object.keys(DETAIL_SECTIONS) as DetailSection[];

export type DetailMeasure = 'actions' | 'participants' | 'partenaires' | 'conventions' | 'salaries' | 'etp';
export const DETAIL_MEASURES: readonly DetailMeasure[] = ['actions', 'participants', 'partenaires', 'conventions', 'salaries', 'etp'];

/** One row of the long file (identity columns apart). */
export interface DetailRow {
	section: DetailSection;
	code: string;
	/** Activities only; empty text otherwise. */
	public: string;
	measures: Partial<Record<DetailMeasure, number | null>>;
}

const SOURCE = 'Données annuelles de la structure (observatoire)';
const CALCULATED = 'Calculé';

/** The columns of the long file: the contract of the « Détail » sheet and CSV. */
export const DETAIL_FIELDS = [
	{ key: 'cle', header: 'Clé de la fiche', meaning: 'Clé de la fiche annuelle (SIRET, établissement, nature de l’agrément, année) : calculée, ignorée à l’import', type: 'texte', source: CALCULATED, entry: 'calcule' },
	{ key: 'siret', header: 'SIRET', meaning: 'SIRET de la structure (avec l’établissement, identifie la structure à l’import)', type: 'texte', source: 'Fiche de la structure', entry: 'cle' },
	{ key: 'etablissement', header: 'Établissement', meaning: 'Suffixe ou numéro interne d’établissement (structures d’un même SIRET)', type: 'texte', source: 'Fiche de la structure', entry: 'cle' },
	{ key: 'annee', header: 'Année', meaning: 'Année observée', type: 'entier', source: SOURCE, entry: 'cle' },
	{ key: 'nom', header: 'Nom', meaning: 'Nom de la structure : pour la lecture, ignoré à l’import', type: 'texte', source: 'Fiche de la structure', entry: 'calcule' },
	{ key: 'section', header: 'Section', meaning: 'activites, partenaires ou contrats', type: 'texte', source: SOURCE, entry: 'saisie' },
	{ key: 'code', header: 'Code', meaning: 'Domaine d’activité, type de partenaire ou type de contrat : un code de la liste de la section en vigueur cette année', type: 'texte', source: SOURCE, entry: 'saisie' },
	{ key: 'libelle', header: 'Libellé', meaning: 'Libellé du code : pour la lecture, ignoré à l’import', type: 'texte', source: 'Listes de codes en vigueur', entry: 'calcule' },
	{ key: 'public', header: 'Public', meaning: 'Section activites : un code de la liste des publics ; vide pour les autres sections', type: 'texte', source: SOURCE, entry: 'saisie' },
	{ key: 'actions', header: 'Actions', meaning: 'Section activites : nombre d’actions menées dans l’année', type: 'entier', source: SOURCE, entry: 'saisie' },
	{ key: 'participants', header: 'Participants', meaning: 'Section activites : personnes différentes ayant participé', type: 'entier', source: SOURCE, entry: 'saisie' },
	{ key: 'partenaires', header: 'Partenaires', meaning: 'Section partenaires : nombre de partenaires de ce type', type: 'entier', source: SOURCE, entry: 'saisie' },
	{ key: 'conventions', header: 'Conventions', meaning: 'Section partenaires : conventions signées avec eux et en cours dans l’année', type: 'entier', source: SOURCE, entry: 'saisie' },
	{ key: 'salaries', header: 'Salariés', meaning: 'Section contrats : salariés au 31 décembre sous ce type de contrat', type: 'entier', source: SOURCE, entry: 'saisie' },
	{ key: 'etp', header: 'ETP', meaning: 'Section contrats : équivalents temps plein de l’année sous ce type de contrat', type: 'decimal', source: SOURCE, entry: 'saisie' }
] as const satisfies readonly FieldDefinition[];

/** The detail rows of one structure-year, in section then list order. */
export function detailRowsOf(data: Pick<StructureYearData, 'activities' | 'partners' | 'contracts'>): DetailRow[] {
	return [
		...data.activities.map((a): DetailRow => ({ section: 'activites', code: a.domain, public: a.public, measures: { actions: a.actions, participants: a.participants } })),
		...data.partners.map((p): DetailRow => ({ section: 'partenaires', code: p.partnerKind, public: '', measures: { partenaires: p.partners, conventions: p.conventions } })),
		...data.contracts.map((c): DetailRow => ({ section: 'contrats', code: c.contractType, public: '', measures: { salaries: c.headcount, etp: c.etp } }))
	];
}

/** The sections of `rows` back into the structure-year's lists. */
export function detailOfRows(rows: readonly DetailRow[]): Pick<StructureYearData, 'activities' | 'partners' | 'contracts'> {
	const m = (r: DetailRow, k: DetailMeasure) => r.measures[k] ?? null;
	return {
		activities: rows.filter((r) => r.section === 'activites').map((r) => ({ domain: r.code, public: r.public, actions: m(r, 'actions'), participants: m(r, 'participants') })),
		partners: rows.filter((r) => r.section === 'partenaires').map((r) => ({ partnerKind: r.code, partners: m(r, 'partenaires'), conventions: m(r, 'conventions') })),
		contracts: rows.filter((r) => r.section === 'contrats').map((r) => ({ contractType: r.code, headcount: m(r, 'salaries'), etp: m(r, 'etp') }))
	};
}

/** Sorts the detail of a structure-year the way files and forms show it: by the order of the lists. */
export function sortDetail<T extends Pick<StructureYearData, 'activities' | 'partners' | 'contracts'>>(
	data: T,
	order: { activity_domains: readonly string[]; publics: readonly string[]; partner_kinds: readonly string[]; contract_types: readonly string[] }
): T {
	const rank = (list: readonly string[], code: string) => {
		const i = list.indexOf(code);
		return i < 0 ? list.length : i;
	};
	const by = (list: readonly string[]) => (a: string, b: string) => rank(list, a) - rank(list, b) || a.localeCompare(b);
	return {
		...data,
		activities: [...data.activities].sort((a, b) => by(order.activity_domains)(a.domain, b.domain) || by(order.publics)(a.public, b.public)),
		partners: [...data.partners].sort((a, b) => by(order.partner_kinds)(a.partnerKind, b.partnerKind)),
		contracts: [...data.contracts].sort((a, b) => by(order.contract_types)(a.contractType, b.contractType))
	};
}

/** The long-file rows of one record (identity columns from the record, labels from the lists). */
export function detailRecordsOf(
	record: Readonly<Record<string, unknown>>,
	rows: readonly DetailRow[],
	labelOf: (section: DetailSection, code: string) => string
): Record<string, string | number | null>[] {
	return rows.map((r) => ({
		cle: record.cle as string,
		siret: record.siret as string | null,
		etablissement: record.etablissement as string | null,
		annee: record.annee as number,
		nom: record.nom as string,
		section: r.section,
		code: r.code,
		libelle: labelOf(r.section, r.code),
		public: r.public === '' ? null : r.public,
		...Object.fromEntries(DETAIL_MEASURES.map((m) => [m, (DETAIL_SECTIONS[r.section].measures as readonly string[]).includes(m) ? (r.measures[m] ?? null) : null]))
	}));
}
