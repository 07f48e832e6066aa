/**
 * SIREN (9 digits, the legal entity) and SIRET (14 digits, one establishment = SIREN + NIC)
 * numbers of the INSEE SIRENE register, kept as strings. Both end with a Luhn check digit,
 * except the establishments of La Poste (SIREN 356000000), whose SIRET digits sum to a
 * multiple of 5 instead.
 */

/** What a checked identifier looks like. */
export type IdentifierCheck =
	| { status: 'ok'; value: string }
	/** Not the right number of digits once spaces are removed. */
	| { status: 'bad-format'; value: string }
	/** The right length, but the check digit is wrong (a typo, most likely). */
	| { status: 'bad-checksum'; value: string };

const LA_POSTE_SIREN = '356000000';

/** Removes spaces, non-breaking spaces, dots and dashes (`123 456 789` → `123456789`). */
export function compactIdentifier(raw: string): string {
	return raw.replace(/[\s\u00a0\u202f.-]/g, '');
}

/** True when the digit string passes the Luhn checksum. */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

/** Checks a SIREN: 9 digits with a valid Luhn key. */
export function checkSiren(raw: string): IdentifierCheck {
	const value = compactIdentifier(raw);
	if (!/^\d{9}$/.test(value)) return { status: 'bad-format', value };
	return { status: luhnValid(value) ? 'ok' : 'bad-checksum', value };
}

/** Checks a SIRET: 14 digits with a valid Luhn key (La Poste: digit sum multiple of 5). */
export function checkSiret(raw: string): IdentifierCheck {
	const value = compactIdentifier(raw);
	if (!/^\d{14}$/.test(value)) return { status: 'bad-format', value };
	if (value.startsWith(LA_POSTE_SIREN)) {
		const sum = [...value].reduce((s, c) => s + Number(c), 0);
		return { status: sum % 5 === 0 ? 'ok' : 'bad-checksum', value };
	}
	return { status: luhnValid(value) ? 'ok' : 'bad-checksum', value };
}

/** The SIREN of a SIRET (its first 9 digits). */
export function sirenOfSiret(siret: string): string {
	return siret.slice(0, 9);
}
