/**
 * The one palette of Maillage: pages (CSS tokens), charts and map legends all read from here,
 * so a colour means the same thing everywhere. Colour-blind-safe choices (Okabe–Ito based);
 * meaning is never carried by colour alone (shapes, patterns, labels).
 */

/** Brand and interface colours (contrast ≥ 4.5:1 on white for text colours). */
export const ui = {
	ink: '#1a2530',
	inkMuted: '#4a5866',
	paper: '#ffffff',
	surface: '#f4f6f8',
	border: '#c9d1d9',
	brand: '#1d4f73',
	brandStrong: '#123650',
	accent: '#b3541e',
	focus: '#d4790f',
	danger: '#a4262c',
	success: '#1e6b3a',
	warning: '#8a5a00'
} as const satisfies Record<string, `#${string}`>;

/** Structure types: CS and EVS (also distinguished by marker shape on maps). */
export const structureTypes = [
	{ key: 'CS', label: 'Centre social', color: '#0b5f8a' },
	{ key: 'EVS', label: 'Espace de vie sociale', color: '#c0392b' }
] as const satisfies readonly { key: string; label: string; color: `#${string}` }[];

/** Coverage categories of the gap analysis, in their order of precedence. */
export const coverageCategories = [
	{ key: 'depourvue_isolee', label: 'Dépourvue et isolée', color: '#7b2d26' },
	{ key: 'depourvue', label: 'Dépourvue', color: '#d55e00' },
	{ key: 'isolee', label: 'Isolée', color: '#e69f00' },
	{ key: 'a_renforcer', label: 'À renforcer', color: '#cc79a7' },
	{ key: 'couverte', label: 'Couverte', color: '#9ecae1' }
] as const satisfies readonly { key: string; label: string; color: `#${string}` }[];

/** Neutral fills for territories drawn without a thematic colour. */
export const territory = {
	communeFill: '#e8edf1',
	communeLine: '#8a99a8',
	epciLine: '#1d4f73',
	qpvFill: '#6a3d9a',
	pole: '#222222',
	/** Communes of the border band (« hors département »): one muted grey whatever their category. */
	bandFill: '#c4cbd2'
} as const satisfies Record<string, `#${string}`>;

/** Sequential ramp (light → dark) for choropleths such as funding per inhabitant. */
export const sequential = ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'] as const;

/** Categorical series for charts (partners, instruments), Okabe–Ito order. */
export const series = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'] as const;
