import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Locals {
			db: Kysely<Database>;
			/** 'demo' when the database holds the fictional demo département. */
			dataset: 'demo' | 'real' | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
