/**
 * Fictional SIREN / SIRET numbers that pass the Luhn check INSEE uses, so demo data goes through
 * the same validation as real data.
 */
import { randomInt, type Random } from '../domain/random';
import { luhnValid } from '../domain/siret';

/** True when a string of digits passes the Luhn check (SIREN: 9 digits, SIRET: 14). */
export function isLuhnValid(digits: string): boolean {
	return /^\d+$/.test(digits) && luhnValid(digits);
}

/** Appends the digit that makes `payload` + digit pass the Luhn check. */
export function withLuhnKey(payload: string): string {
	for (let d = 0; d <= 9; d++) {
		const candidate = payload + d;
		if (isLuhnValid(candidate)) return candidate;
	}
	throw new Error(`withLuhnKey: no key for ${payload}`);
}

/**
 * A fictional 9-digit SIREN starting with `prefix`, unique within `taken` (which it updates).
 * Prefixes used by the demo: `99` associations, `2100` communes, `2600` CCAS, `9980` the CAF.
 */
export function fictionalSiren(random: Random, prefix: string, taken: Set<string>): string {
	for (;;) {
		let payload = prefix;
		while (payload.length < 8) payload += String(randomInt(random, 0, 9));
		const siren = withLuhnKey(payload);
		if (!taken.has(siren)) {
			taken.add(siren);
			return siren;
		}
	}
}

/** SIRET of establishment number `establishment` (1, 2, …) of a SIREN: 9 + 4 + Luhn key. */
export function siretOf(siren: string, establishment: number): string {
	return withLuhnKey(siren + String(establishment).padStart(4, '0'));
}
