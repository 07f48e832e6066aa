/**
 * Form helpers shared by the pages: the attributes a Field hands to its control, select options,
 * the outcome of a targeted form action, and `use:enhance` that keeps what the user typed.
 */
import type { SubmitFunction } from '@sveltejs/kit';

/** What a Field's control must carry so its label, hint and error are tied to it. */
export interface FieldControl {
	id: string;
	'aria-describedby': string | undefined;
	'aria-invalid': 'true' | undefined;
}

/** One option of a SelectField. */
export interface SelectOption {
	value: string | number;
	label: string;
}

/** `[{ value, label }]` from a label map (`{ CS: 'Centre social' }`), in the map's order or `keys`' order. */
export function optionsOf(labels: Record<string, string>, keys: readonly string[] = Object.keys(labels)): SelectOption[] {
	return keys.map((value) => ({ value, label: labels[value] ?? value }));
}

/** The shape of an action result aimed at one form of the page (`{ target, message }` or `{ target, saved }`). */
export type ActionOutcome = { target?: unknown; message?: unknown; saved?: unknown } | null | undefined;

/**
 * The error and the confirmation an action returned for the form named `target`: several small
 * forms on one page (one per table row) each show only their own outcome.
 */
export function outcome(form: ActionOutcome, target: string): { problem: string | null; saved: string | null } {
	if (!form || form.target !== target) return { problem: null, saved: null };
	return {
		problem: typeof form.message === 'string' ? form.message : null,
		saved: typeof form.saved === 'string' ? form.saved : null
	};
}

/**
 * `use:enhance` that keeps what the user typed after the action (the reloaded data shows the
 * stored values anyway) and asks `confirmations[formaction]` before destructive submits.
 */
export function keepValues(confirmations: Record<string, string> = {}): SubmitFunction {
	return ({ submitter, cancel }) => {
		const question = confirmations[submitter?.getAttribute('formaction') ?? ''];
		if (question && !confirm(question)) cancel();
		return async ({ update }) => update({ reset: false });
	};
}

/**
 * `use:enhance` for a long form with one save button: `onsaving(true)` while the action runs (the
 * button says « Enregistrement… »), typed values kept, then `after` (e.g. focus the error summary).
 */
export function whileSaving(onsaving: (saving: boolean) => void, after?: () => unknown): SubmitFunction {
	return () => {
		onsaving(true);
		return async ({ update }) => {
			await update({ reset: false });
			onsaving(false);
			await after?.();
		};
	};
}
