/**
 * What a reader must never receive: the unpublished funding amounts of other partners, and the
 * yearly totals of another partner over all its lines (what the committee pages leaked before
 * issue 11). Built from the staff view of the lines (`/api/funding/lines` as an agent), checked on
 * any text a reader receives (JSON, `__data.json`, HTML, CSV).
 */

export interface StaffLine {
	id: number;
	partnerId: number;
	year: number;
	amount: number;
	published: boolean;
}

export interface Reader {
	/** `partenaire` with its partner, or `observateur`. */
	role: 'partenaire' | 'observateur';
	partnerId: number | null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Whether `reader` may see `line` (the row scope of the policy). */
export function visibleTo(reader: Reader, line: StaffLine): boolean {
	return line.published || (reader.role === 'partenaire' && line.partnerId === reader.partnerId);
}

/**
 * Amounts `reader` must not receive, each distinctive enough (≥ 10 000 €, or with cents) not to
 * be mistaken for another figure, minus any value the reader may legitimately see.
 */
export function forbiddenAmounts(lines: readonly StaffLine[], reader: Reader): number[] {
	const visible = lines.filter((l) => visibleTo(reader, l));
	const allowed = new Set<number>(visible.map((l) => l.amount));
	const sums = (list: readonly StaffLine[], key: (l: StaffLine) => string) => {
		const out = new Map<string, number>();
		for (const l of list) out.set(key(l), round((out.get(key(l)) ?? 0) + l.amount));
		return out;
	};
	for (const v of sums(visible, (l) => `${l.partnerId}/${l.year}`).values()) allowed.add(v);
	for (const v of sums(visible, (l) => String(l.year)).values()) allowed.add(v);
	for (const v of sums(visible, (l) => String(l.partnerId)).values()) allowed.add(v);
	allowed.add(round(visible.reduce((s, l) => s + l.amount, 0)));
	const others = lines.filter((l) => !(reader.role === 'partenaire' && l.partnerId === reader.partnerId));
	const hidden = others.filter((l) => !visibleTo(reader, l)).map((l) => l.amount);
	// The totals version 1 of the committee figures copied whole: another partner's year over all its lines.
	const totals = [...sums(others, (l) => `${l.partnerId}/${l.year}`).values()];
	const partnerTotals = [...sums(others, (l) => String(l.partnerId)).values()];
	return [...new Set([...hidden, ...totals, ...partnerTotals])].filter((v) => (v >= 10_000 || !Number.isInteger(v)) && v >= 1_000 && !allowed.has(v));
}

/** The ways an amount can be written in what a reader receives: JSON (`12345.5`) and French text (`12 345,50`). */
function patterns(amount: number): RegExp[] {
	const json = String(amount).replace('.', '\\.');
	const [int, dec] = amount.toFixed(2).split('.');
	const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '[\\s\\u00a0\\u202f.]?');
	const french = dec === '00' ? `${grouped}(?:,00)?` : `${grouped},${dec}`;
	return [new RegExp(`(?<![0-9.])${json}(?![0-9])`), new RegExp(`(?<![0-9,])${french}(?![0-9])`)];
}

/** The forbidden amounts found in `text` (empty when none). */
export function leakedAmounts(text: string, forbidden: readonly number[]): number[] {
	return forbidden.filter((amount) => patterns(amount).some((p) => p.test(text)));
}
