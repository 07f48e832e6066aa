/**
 * Demo accounts, one per role, created only by the demo seed (never in a real database) and
 * listed on the sign-in page while the database holds the demo, so a newcomer gets in at once.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Role } from '$lib/domain/policy';
import { hashPassword } from './password';

export const DEMO_PASSWORD = 'demo-maillage-2026';

export interface DemoAccount {
	email: string;
	displayName: string;
	role: Role;
	/** Partner code for `partenaire` accounts. */
	partnerCode: string | null;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{ email: 'admin@demo.invalid', displayName: 'Adèle Admin (pilotage Caf)', role: 'admin', partnerCode: null },
	{ email: 'agent@demo.invalid', displayName: 'Antoine Agent (Caf)', role: 'agent', partnerCode: null },
	{ email: 'departement@demo.invalid', displayName: 'Denise (Conseil départemental)', role: 'partenaire', partnerCode: 'CD' },
	{ email: 'msa@demo.invalid', displayName: 'Marc (MSA)', role: 'partenaire', partnerCode: 'MSA' },
	{ email: 'observateur@demo.invalid', displayName: 'Odile Observatrice', role: 'observateur', partnerCode: null }
];

/** Creates the demo accounts (hashing once: every demo account shares the documented password). */
export async function createDemoAccounts(db: Kysely<Database> | Transaction<Database>): Promise<number> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const partners = await db.selectFrom('partner').select(['id', 'code']).execute();
	const partnerId = new Map(partners.map((p) => [p.code, p.id]));
	const rows = DEMO_ACCOUNTS.map((account) => {
		const id = account.partnerCode === null ? null : (partnerId.get(account.partnerCode) ?? null);
		if (account.partnerCode !== null && id === null) throw new Error(`demo partner missing: ${account.partnerCode}`);
		return {
			email: account.email,
			display_name: account.displayName,
			role: account.role,
			partner_id: id,
			password_hash: passwordHash
		};
	});
	await db.insertInto('app_user').values(rows).execute();
	return rows.length;
}
