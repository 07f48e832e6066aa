/** Request-level helpers of the sign-in flow: the cookie and the audit actor. */
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, type SessionUser } from './sessions';
import type { AuditActor } from '../db/audit';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure except on plain-HTTP loopback (dev, tests). */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:' || !LOOPBACK.has(url.hostname),
		expires
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** The audit actor of a signed-in user. */
export function actorOf(user: SessionUser): AuditActor {
	return { userId: user.id, label: user.email };
}
