/**
 * The first start of the app on an empty embedded database: opening, migrating and loading the
 * demo département takes several seconds (about 12 on these machines). Meanwhile every request
 * gets this French page — what is happening, which step, how long so far — which reloads itself
 * every two seconds (a `<meta http-equiv="refresh">`: no script) until the app answers; API calls
 * get the same as JSON. A failure is shown with its French message (the next reload tries again).
 */
import { DEMO_STEPS } from './demo/seed';

export const STARTUP_PHASES = ['ouverture', 'migrations', ...DEMO_STEPS] as const;
export type StartupPhase = (typeof STARTUP_PHASES)[number];

const PHASE_LABELS: Record<StartupPhase, string> = {
	ouverture: 'Ouverture de la base de données embarquée',
	migrations: 'Mise à jour du schéma de la base',
	generation: 'Génération du département fictif de démonstration',
	territoire: 'Écriture du territoire : communes, intercommunalités, quartiers prioritaires, indicateurs',
	structures: 'Écriture des structures, de leurs agréments et de leurs postes',
	financements: 'Écriture des partenaires et des lignes de financement',
	pilotage: 'Écriture de l’accord-cadre, du schéma directeur et des décisions du comité',
	comptes: 'Création des comptes de démonstration'
};

export interface StartupStatus {
	phase: StartupPhase;
	/** Whether the demo is being loaded (an empty embedded database), or the base only opened. */
	seeding: boolean;
	startedAt: number;
	/** Why opening failed (French), or null. */
	error: string | null;
}

/** Seconds between two reloads of the waiting page. */
export const RELOAD_SECONDS = 2;

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The waiting page (HTML), or the failure page when `status.error` is set. */
export function startupPage(status: StartupStatus, now: number): string {
	const seconds = Math.max(0, Math.round((now - status.startedAt) / 1000));
	const index = STARTUP_PHASES.indexOf(status.phase);
	const phases = status.seeding ? STARTUP_PHASES : STARTUP_PHASES.slice(0, 2);
	const title = status.error ? 'Maillage n’a pas pu ouvrir sa base de données' : status.seeding ? 'Premier démarrage de Maillage' : 'Maillage démarre';
	const body = status.error
		? `<p role="alert">${escapeHtml(status.error)}</p><p>Corrigez la cause indiquée, puis rechargez la page : Maillage réessaiera. Le détail est aussi dans la console du serveur.</p>`
		: `<p>${
				status.seeding
					? 'La base embarquée est vide : Maillage la crée et y charge le <strong>département fictif de démonstration</strong> (300 communes, 25 structures, leurs agréments et financements). Cela prend une quinzaine de secondes, une seule fois.'
					: 'Ouverture de la base de données…'
			}</p>
			<p><label for="avancement">Étape ${Math.min(index + 1, phases.length)} sur ${phases.length}</label> :
			<progress id="avancement" max="${phases.length}" value="${index}">${index} sur ${phases.length}</progress></p>
			<ol>${phases
				.map((p, i) => `<li${i === index ? ' aria-current="step"' : ''}>${i < index ? '✓ ' : i === index ? '… ' : ''}${escapeHtml(PHASE_LABELS[p])}</li>`)
				.join('')}</ol>
			<p class="muted" role="status">Depuis ${seconds} s. Cette page se recharge d’elle-même toutes les ${RELOAD_SECONDS} secondes et laisse place à l’application dès qu’elle est prête.</p>`;
	const refresh = status.error ? '' : `<meta http-equiv="refresh" content="${RELOAD_SECONDS}">`;
	return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}
<title>${title} — Maillage</title>
<style>
body { font-family: system-ui, sans-serif; color: #1a2530; background: #f4f6f8; margin: 0; }
main { max-width: 40rem; margin: 4rem auto; padding: 2rem; background: #fff; border: 1px solid #c9d1d9; border-radius: 0.5rem; line-height: 1.5; }
h1 { font-size: 1.5rem; margin-top: 0; color: #1d4f73; }
progress { width: 100%; height: 1rem; }
li[aria-current] { font-weight: 600; }
.muted { color: #4a5866; font-size: 0.875rem; }
[role=alert] { color: #a4262c; font-weight: 600; }
</style>
</head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;
}

/** The answer to a request while the app starts: the page for browsers, JSON for the rest. */
export function startupResponse(request: Request, status: StartupStatus, now: number): Response {
	const headers = new Headers({
		'Cache-Control': 'no-store',
		'Retry-After': String(RELOAD_SECONDS),
		// Inline style only; nothing to run.
		'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	});
	const statusCode = status.error ? 500 : 503;
	if ((request.headers.get('accept') ?? '').includes('text/html')) {
		headers.set('Content-Type', 'text/html; charset=utf-8');
		return new Response(startupPage(status, now), { status: statusCode, headers });
	}
	headers.set('Content-Type', 'application/json; charset=utf-8');
	const message = status.error ?? `Maillage démarre (${PHASE_LABELS[status.phase].toLowerCase()}) : réessayez dans quelques secondes.`;
	return new Response(JSON.stringify({ message, phase: status.phase }), { status: statusCode, headers });
}
