/**
 * Browser side of the map outlines (`/api/geo/carte?v=…`): fetches the topology once per URL
 * (the browser's cache keeps it for a year under its versioned URL; this memo spares the decoding
 * when a page is opened again in the same tab) and decodes it into GeoJSON (`./topology`).
 */
import type { Topology } from 'topojson-specification';
import { decodeMapGeometry, type MapGeometry } from './topology';

const memo = new Map<string, Promise<MapGeometry>>();
/** Versions kept decoded in the tab (a newer import makes a new URL). */
const KEPT = 2;

/** The outlines at `url`; rejects with a French message when they cannot be loaded. */
export function fetchMapGeometry(url: string, fetchImpl: typeof fetch = fetch): Promise<MapGeometry> {
	const known = memo.get(url);
	if (known) return known;
	const loading = fetchImpl(url, { credentials: 'same-origin' })
		.then(async (response) => {
			if (!response.ok) throw new Error(`Contours de la carte indisponibles (erreur ${response.status}).`);
			return decodeMapGeometry((await response.json()) as Topology);
		})
		.catch((error: unknown) => {
			memo.delete(url);
			throw error instanceof Error && error.message.startsWith('Contours') ? error : new Error('Contours de la carte indisponibles : vérifiez la connexion.');
		});
	memo.set(url, loading);
	while (memo.size > KEPT) memo.delete(memo.keys().next().value!);
	return loading;
}

/**
 * The outlines at a URL as reactive state for a page: `current` is null while they load, `error`
 * says (in French) why they could not be. Create it while the component initialises.
 */
export class MapOutlines {
	current = $state.raw<MapGeometry | null>(null);
	error = $state<string | null>(null);

	constructor(url: () => string) {
		$effect(() => {
			const target = url();
			let live = true;
			this.error = null;
			fetchMapGeometry(target).then(
				(geometry) => {
					if (live) this.current = geometry;
				},
				(error: Error) => {
					if (live) this.error = error.message;
				}
			);
			return () => {
				live = false;
			};
		});
	}
}
