/** Passwords: argon2id (OWASP parameters), never stored or logged in clear. */
import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. `Algorithm.Argon2id` is 2 (a const enum). */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS as Parameters<typeof hash>[1]);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A French reason why a new password is refused, or null when acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH)
		return `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`;
	if (password.length > 256) return 'Le mot de passe ne doit pas dépasser 256 caractères.';
	const local = email?.split('@')[0].toLowerCase() ?? '';
	if (local.length >= 4 && password.toLowerCase().includes(local))
		return "Le mot de passe ne doit pas contenir l'identifiant du compte.";
	return null;
}
