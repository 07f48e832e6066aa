/**
 * A basemap style that never loaded (offline machine, bad URL) is replaced by the neutral offline
 * background, once, and its credits are no longer shown. Shared by every MapLibre canvas.
 */
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { offlineStyle, type Basemap } from './basemap';

export class BasemapFallback {
	/** True once the offline background replaced the basemap. */
	failed = $state(false);
	#styleLoaded = false;
	readonly #basemap: () => Basemap;

	constructor(basemap: () => Basemap) {
		this.#basemap = basemap;
	}

	/** Credits to show: the basemap's, none after the fallback. */
	get attribution(): string | undefined {
		return this.failed ? undefined : (this.#basemap().attribution ?? undefined);
	}

	/** Call on `styledata`: a style that loaded once is not replaced by later errors (e.g. a missing tile). */
	styleLoaded(): void {
		this.#styleLoaded = true;
	}

	/** A new basemap setting gets a new chance to load. */
	reset(): void {
		this.failed = false;
		this.#styleLoaded = false;
	}

	/** Call on the map's `error`: true when it fell back to the offline background. */
	onerror(map: MaplibreMap | undefined, event: { error?: { message?: string } }): boolean {
		if (this.#styleLoaded || this.failed || typeof this.#basemap().style !== 'string') return false;
		console.warn('Fond de carte indisponible, affichage sans fond :', event.error?.message);
		this.failed = true;
		// Directly, not through the `style` prop: the wrapper's style merge waits for the failed style to load.
		map?.setStyle(structuredClone(offlineStyle) as StyleSpecification);
		return true;
	}
}
