import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Locals {
			db: Kysely<Database>;
			/** 'demo' when the database holds the fictional demo département. */
			dataset: 'demo' | 'real' | null;
			/** The signed-in user, or null. */
			user: SessionUser | null;
			/** The raw session token (to keep this session on password change). */
			sessionToken: string | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
