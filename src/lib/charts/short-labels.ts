/**
 * Short labels for charts, where the full names of partners, instruments and structures do not
 * fit (a Sankey's columns): « Prestation de service animation globale et coordination (AGC) »
 * becomes « AGC », « Caisse d’allocations familiales du … » becomes « Caf du … ». A label is
 * never cut without a way to read it: the chart shows the full name as a tooltip and the table
 * under it pairs each short label with the full name. Pure.
 */

/** Common long phrases of the domain and their usual short forms (applied in this order). */
const ABBREVIATIONS: [RegExp, string][] = [
	[/caisse d[’']allocations familiales/giu, 'Caf'],
	[/mutualité sociale agricole/giu, 'MSA'],
	[/conseil départemental/giu, 'CD'],
	[/conseil régional/giu, 'CR'],
	[/communauté de communes/giu, 'CC'],
	[/communauté d[’']agglomération/giu, 'CA'],
	[/communauté urbaine/giu, 'CU'],
	[/prestation de service/giu, 'PS'],
	[/animation globale et coordination/giu, 'AGC'],
	[/animation collective familles/giu, 'ACF'],
	[/centre socio-?culturel/giu, 'CSC'],
	[/espace socio-?culturel/giu, 'ESC'],
	[/centre social/giu, 'CS'],
	[/espace de vie sociale/giu, 'EVS'],
	[/convention territoriale globale/giu, 'CTG'],
	[/politique de la ville/giu, 'PV'],
	[/appel à projets/giu, 'AAP'],
	[/subvention de fonctionnement sur fonds locaux/giu, 'Subv. fonds locaux'],
	[/subvention de fonctionnement de la commune ou de l[’']EPCI/giu, 'Subv. commune/EPCI'],
	[/subvention de fonctionnement/giu, 'Subv. fonct.'],
	[/subvention/giu, 'Subv.'],
	[/aide à l[’']investissement/giu, 'Invest.'],
	[/intercommunal(e)?/giu, 'interco.']
];

/** Small words dropped, as a last resort before cutting, from a label still too long. */
const FUNCTION_WORDS = /\s(?:de|du|des|la|le|les|sur|ou|et|pour|au|aux)(?=\s)|\s[ld][’'](?=\S)/giu;

/** The phrases abbreviated, then the label cut at a word boundary with « … » if still too long. */
export function abbreviate(label: string, maxChars: number): string {
	if (label.length <= maxChars) return label;
	let text = label;
	for (const [pattern, short] of ABBREVIATIONS) {
		text = text.replace(pattern, short).replace(/\s+/g, ' ').trim();
		if (text.length <= maxChars) return text;
	}
	// Drop parenthesised details (« (convention territoriale globale) »), then small words.
	const bare = text.replace(/\s*\([^)]*\)/g, '').trim() || text;
	if (bare.length <= maxChars) return bare;
	const terse = bare.replace(FUNCTION_WORDS, ' ').replace(/\s+/g, ' ').trim();
	if (terse.length <= maxChars) return terse;
	return cut(bare, maxChars);
}

/** `text` cut at the last word boundary that fits `maxChars` (« … » included). */
export function cut(text: string, maxChars: number): string {
	if (text.length <= maxChars) return text;
	const room = text.slice(0, Math.max(1, maxChars - 1));
	const space = room.lastIndexOf(' ');
	return `${(space > maxChars / 2 ? room.slice(0, space) : room).replace(/[\s,;:–-]+$/u, '')}…`;
}

/**
 * The short label of a funding instrument: the PS code's suffix (`PS_AGC` → « AGC »), else the
 * acronym the label ends with (« … (CTG) »), else the abbreviated label.
 */
export function instrumentShortLabel(instrument: { code: string; label: string }, maxChars = 24): string {
	const ps = /^PS_([A-Z]{2,5})$/.exec(instrument.code);
	if (ps) return ps[1];
	if (instrument.label.length <= maxChars) return instrument.label;
	const acronym = /\(([A-Z][A-Z0-9]{1,6})\)\s*$/u.exec(instrument.label);
	if (acronym && !/^(EVS|CS)$/.test(acronym[1])) return acronym[1];
	return abbreviate(instrument.label, maxChars);
}

/** Partner kinds with one partner per département, named by their usual short form. */
const PARTNER_KIND_SHORT: Record<string, string> = { caf: 'Caf', msa: 'MSA', departement: 'CD' };

/** The short label of a partner: « Caf », « CD », « MSA » by kind, else its abbreviated name. */
export function partnerShortLabel(partner: { name: string; kind?: string }, maxChars = 28): string {
	if (partner.name.length <= maxChars) return partner.name;
	return PARTNER_KIND_SHORT[partner.kind ?? ''] ?? abbreviate(partner.name, maxChars);
}

/** The short label of a structure or a territory: the usual abbreviations, cut if still too long. */
export function placeShortLabel(name: string, maxChars = 42): string {
	return abbreviate(name, maxChars);
}
