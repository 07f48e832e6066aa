/**
 * What every MapLibre canvas of the app needs once, imported by each of them: MapLibre's CSS, the
 * worker URL, the French texts of its controls and the options our maps share.
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

// Vite does not serve MapLibre's default worker URL (it 404s and the map never idles): point at the asset.
setWorkerUrl(workerUrl);

/** Margin around fitted bounds (CSS pixels). */
export const FIT_PADDING_PX = 24;

/** French texts of MapLibre's own controls; the canvas gets `label` as its accessible name. */
export function mapLocale(label: string): Record<string, string> {
	return {
		'Map.Title': label,
		'NavigationControl.ZoomIn': 'Zoom avant',
		'NavigationControl.ZoomOut': 'Zoom arrière',
		'NavigationControl.ResetBearing': 'Réorienter vers le nord',
		'AttributionControl.ToggleAttribution': 'Afficher ou masquer les crédits',
		'ScaleControl.Kilometers': 'km',
		'ScaleControl.Meters': 'm',
		'CooperativeGesturesHandler.WindowsHelpText': 'Utilisez Ctrl + molette pour zoomer sur la carte',
		'CooperativeGesturesHandler.MacHelpText': 'Utilisez ⌘ + molette pour zoomer sur la carte',
		'CooperativeGesturesHandler.MobileHelpText': 'Utilisez deux doigts pour déplacer la carte'
	};
}

/**
 * Options of every map: our own CSS and attribution control, a flat north-up map (no rotation or
 * pitch, one copy of the world), no zoom out beyond a country.
 */
export const sharedMapOptions = {
	autoloadGlobalCss: false,
	attributionControl: false,
	minZoom: 3,
	dragRotate: false,
	touchPitch: false,
	renderWorldCopies: false
} as const;
