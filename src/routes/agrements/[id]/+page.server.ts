import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as agrements from '$lib/server/db/agrements';
import * as documents from '$lib/server/db/documents';
import { documentTooLargeMessage } from '$lib/server/http/body-limits.js';
import * as committee from '$lib/server/db/committee';
import { ConflictError } from '$lib/server/db/changes';
import { actorOf } from '$lib/server/auth/request';
import { agrementStatus, agrementStatusLabel } from '$lib/domain/agrement-status';
import { can } from '$lib/domain/policy';
import { formatDate, isoDateInParis } from '$lib/format';
import { agrementKindShort } from '$lib/ui/labels';
import { checkDuration } from '$lib/pilotage/agrement-rules';
import { criterionRows, frameworkOf, parseAssessmentForm, summarizeAssessment } from '$lib/pilotage/criteria';
import { DOCUMENT_KINDS, detectDocumentType, safeFileName, type DocumentKind } from '$lib/pilotage/document-type';

function agrementId(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, 'Agrément introuvable');
	return Number(raw);
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = agrementId(params.id);
	const today = isoDateInParis(new Date());
	const agrement = await agrements.get(locals.db, id);
	if (!agrement) error(404, 'Agrément introuvable');
	const [rules, lists, docs, decisions] = await Promise.all([
		agrements.durationRules(locals.db),
		agrements.criteriaLists(locals.db, agrement.startDate),
		documents.list(locals.db, id),
		committee.decisionsForStructure(locals.db, agrement.structureId)
	]);
	const framework = frameworkOf(agrement.kind);
	const criteria = criterionRows(lists, framework, agrement.criteria);
	const year = Number(today.slice(0, 4));
	const years = agrement.siblings.flatMap((s) => [Number(s.startDate.slice(0, 4)), Number(s.endDate.slice(0, 4))]);
	return {
		today,
		agrement,
		status: agrementStatus(agrement, today),
		duration: checkDuration(agrement, rules),
		framework,
		criteria,
		summary: summarizeAssessment(criteria),
		documents: docs,
		decisions,
		documentKinds: DOCUMENT_KINDS,
		maxDocumentMb: Math.round(documents.maxDocumentBytes() / (1024 * 1024)),
		canEdit: can(locals.user, 'agrements', 'write'),
		timeline: {
			rows: [
				...new Set(agrement.siblings.map((s) => s.kind))
			].map((kind) => ({ key: kind, label: agrementKindShort[kind] })),
			bars: agrement.siblings.map((s) => ({
				id: s.id,
				row: s.kind,
				start: s.startDate,
				end: s.endDate,
				kind: s.kind,
				status: s.decision,
				label: `${agrementKindShort[s.kind]} du ${formatDate(s.startDate)} au ${formatDate(s.endDate)}, ${agrementStatusLabel(agrementStatus(s, today))}${s.id === id ? ' (cet agrément)' : ''}`,
				href: s.id === id ? null : `/agrements/${s.id}`
			})),
			domain: { start: `${Math.min(year, ...years)}-01-01`, end: `${Math.max(year, ...years)}-12-31` }
		}
	};
};

function fieldsOf(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of form.entries()) if (typeof value === 'string') out[key] = value;
	return out;
}

export const actions: Actions = {
	evaluation: async ({ locals, params, request }) => {
		if (!locals.user || !can(locals.user, 'agrements', 'write')) error(403, 'Accès refusé : votre rôle ne permet pas cette action.');
		const id = agrementId(params.id);
		const agrement = await agrements.get(locals.db, id);
		if (!agrement) error(404, 'Agrément introuvable');
		const fields = fieldsOf(await request.formData());
		const version = Number(fields.version);
		const lists = await agrements.criteriaLists(locals.db, agrement.startDate);
		const parsed = parseAssessmentForm(fields, lists, frameworkOf(agrement.kind));
		if (!parsed.ok) return fail(400, { form: 'evaluation', errors: parsed.errors, values: fields });
		if (!Number.isInteger(version)) return fail(400, { form: 'evaluation', errors: { version: 'Version manquante : rechargez la page.' }, values: fields });
		try {
			await agrements.saveAssessment(locals.db, actorOf(locals.user), id, version, parsed.value);
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { form: 'evaluation', conflict: e.message, errors: {}, values: fields });
			throw e;
		}
		redirect(303, `/agrements/${id}?enregistre=1#evaluation`);
	},
	document: async ({ locals, params, request }) => {
		if (!locals.user || !can(locals.user, 'agrements', 'write')) error(403, 'Accès refusé : votre rôle ne permet pas cette action.');
		const id = agrementId(params.id);
		if (!(await agrements.get(locals.db, id))) error(404, 'Agrément introuvable');
		const form = await request.formData();
		const file = form.get('fichier');
		const kind = String(form.get('nature') ?? '') as DocumentKind;
		const title = String(form.get('titre') ?? '').trim();
		const errors: Record<string, string> = {};
		if (!Object.hasOwn(DOCUMENT_KINDS, kind)) errors.nature = 'Choisissez la nature du document.';
		if (title.length > 200) errors.titre = 'Le titre dépasse 200 caractères.';
		if (!(file instanceof File) || file.size === 0) errors.fichier = 'Choisissez un fichier.';
		if (Object.keys(errors).length > 0) return fail(400, { form: 'document', errors });
		const upload = file as File;
		const limit = documents.maxDocumentBytes();
		if (upload.size > limit) {
			return fail(413, { form: 'document', errors: { fichier: documentTooLargeMessage(limit) } });
		}
		const bytes = new Uint8Array(await upload.arrayBuffer());
		const fileName = safeFileName(upload.name);
		const detected = detectDocumentType(fileName, bytes, limit);
		if (!detected.ok) return fail(400, { form: 'document', errors: { fichier: detected.message } });
		await documents.add(locals.db, actorOf(locals.user), {
			agrementId: id,
			kind,
			title: title || fileName.replace(/\.[^.]+$/, ''),
			fileName,
			type: detected.type,
			bytes
		});
		redirect(303, `/agrements/${id}?depose=1#documents`);
	},
	supprimer: async ({ locals, params, request }) => {
		if (!locals.user || !can(locals.user, 'agrements', 'write')) error(403, 'Accès refusé : votre rôle ne permet pas cette action.');
		const id = agrementId(params.id);
		const documentId = Number((await request.formData()).get('document'));
		if (!Number.isInteger(documentId) || !(await documents.remove(locals.db, actorOf(locals.user), id, documentId))) {
			return fail(404, { form: 'supprimer', errors: { document: 'Ce document n’existe plus.' } });
		}
		redirect(303, `/agrements/${id}?supprime=1#documents`);
	}
};
