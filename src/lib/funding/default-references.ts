/**
 * The short default list of funders a real database starts with, named from its territory of
 * work: the département's Caf, its Conseil départemental, the MSA and the État (politique de la
 * ville, the partner `funding postes` records posts under). Editable afterwards like any partner;
 * the instruments are `STANDARD_INSTRUMENTS`. Pure.
 */
import type { PartnerInput } from './reference-input';

/** A département as the COG names it: `typeLiaison` is INSEE's TNCC (which article and « de »). */
export interface DepartementName {
	code: string;
	name: string;
	/** 0 « de », 1 « d’ », 2 « du », 3 « de la », 4 « des », 5 « de l’ », 6 « des », 7 « de las », 8 « de los ». */
	typeLiaison: number;
}

const CHARNIERES = ['de ', 'd’', 'du ', 'de la ', 'des ', 'de l’', 'des ', 'de las ', 'de los '];

/** « de la Sarthe », « du Nord », « de l’Ain », « des Bouches-du-Rhône ». */
export function ofDepartement(d: DepartementName): string {
	return `${CHARNIERES[d.typeLiaison] ?? 'de '}${d.name}`;
}

/** « de la Sarthe », « de la Sarthe et de la Mayenne », « de l’Ain, de l’Aisne et de l’Allier ». */
export function ofDepartements(list: readonly DepartementName[]): string {
	const parts = list.map(ofDepartement);
	return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/** The default partners of a territory of work (first département's code as their territory). */
export function defaultPartners(departements: readonly DepartementName[]): PartnerInput[] {
	if (departements.length === 0) return [];
	const of = ofDepartements(departements);
	const territoryCode = departements[0].code;
	return [
		{ code: 'CAF', name: `Caf ${of}`, kind: 'caf', territoryCode },
		{ code: 'CD', name: `Conseil départemental ${of}`, kind: 'departement', territoryCode },
		{ code: 'MSA', name: `MSA (caisse ${of})`, kind: 'msa', territoryCode },
		{ code: 'ETAT-PV', name: `État – politique de la ville (préfecture ${of})`, kind: 'etat', territoryCode }
	];
}

/** « Commune du Mans », « Commune d’Allonnes », « Commune de La Flèche » (INSEE's TNCC: article, « de »). */
export function communePartnerName(name: string, liaison: number | null | undefined): string {
	const articles: Record<number, RegExp> = { 2: /^Le /, 3: /^La /, 4: /^Les /, 5: /^L['’]/, 6: /^Aux /, 7: /^Las /, 8: /^Los / };
	const re = liaison !== null && liaison !== undefined ? articles[liaison] : undefined;
	if (re && re.test(name)) return `Commune ${CHARNIERES[liaison!]}${name.replace(re, '')}`;
	return /^[AEIOUYÂÉÈÊÎÔÛH]/i.test(name) && liaison === 1 ? `Commune d’${name}` : `Commune de ${name}`;
}
