/** Our GeoJSON sources: ids, promoted feature ids (for feature-state) and attribution. */
import type { GeoJSONSourceSpecification } from 'maplibre-gl';
import { MAILLAGE_ATTRIBUTION } from '../basemap';
import type { MapSourceKey } from './types';

type SourceOptions = Omit<GeoJSONSourceSpecification, 'type' | 'data'> & { id: string };

/** Source id (prefixed, so a basemap cannot collide) and options, per source key. */
export const mapSources = {
	communes: { id: 'maillage-communes', promoteId: 'code', attribution: MAILLAGE_ATTRIBUTION },
	epcis: { id: 'maillage-epcis', promoteId: 'siren', attribution: MAILLAGE_ATTRIBUTION },
	structures: { id: 'maillage-structures', promoteId: 'id', attribution: MAILLAGE_ATTRIBUTION },
	poles: { id: 'maillage-poles', promoteId: 'id', attribution: MAILLAGE_ATTRIBUTION },
	qpvs: { id: 'maillage-qpvs', promoteId: 'code', attribution: MAILLAGE_ATTRIBUTION },
	circles: { id: 'maillage-circles', promoteId: 'id', attribution: MAILLAGE_ATTRIBUTION }
} as const satisfies Record<MapSourceKey, SourceOptions>;
