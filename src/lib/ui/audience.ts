/** Who a message speaks to: CAF staff (admin, agent), a partner, an observer, or nobody signed in. */
import type { Role } from '$lib/domain/policy';

export type Audience = 'staff' | 'partner' | 'observer' | 'anonymous';

export function audienceOf(role: Role | null | undefined): Audience {
	if (role === 'admin' || role === 'agent') return 'staff';
	if (role === 'partenaire') return 'partner';
	if (role === 'observateur') return 'observer';
	return 'anonymous';
}
