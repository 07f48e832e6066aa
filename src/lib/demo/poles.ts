/** Activity poles of the demo: the préfecture, the towns and the two largest bourgs. */
import { deName } from './names';
import type { Territory } from './territory';
import type { ActivityPoleType, DemoActivityPole } from './types';

/** Seven poles located at their commune's reference point. */
export function generateActivityPoles(territory: Territory): DemoActivityPole[] {
	const entries: [number, ActivityPoleType, string][] = [
		[territory.prefecture, 'pôle majeur', 'Centre-ville'],
		[territory.villes[0], 'pôle intermédiaire', 'Centre-ville'],
		[territory.villes[1], 'pôle intermédiaire', 'Centre-ville'],
		[territory.villes[2], 'pôle de proximité', 'Centre-ville'],
		[territory.villes[3], 'pôle de proximité', 'Centre-ville'],
		[territory.bourgs[0], 'pôle de proximité', 'Centre-bourg'],
		[territory.bourgs[1], 'pôle de proximité', 'Centre-bourg']
	];
	return entries.map(([index, type, prefix]) => {
		const commune = territory.communes[index];
		return {
			communeCode: commune.code,
			name: `${prefix} ${deName(commune.name)}`,
			type,
			point: commune.refPoint,
			locationApproximate: false
		};
	});
}
