import type { PageServerLoad } from './$types';
import { rowScope } from '$lib/domain/policy';
import { parseFundingFilters } from '$lib/funding/filters';
import { fundingByEpci, fundingFlows, fundingMatrix, structurePanel, totalOf, yearSeries, type FlowTarget } from '$lib/funding/aggregate';
import * as funding from '$lib/server/db/funding';
import * as geo from '$lib/server/db/geo';
import { currentUser, isStaff } from './actions.server';

/**
 * Every view of the page comes from one scoped query (`funding.facts`), so the matrix, the flows,
 * the bars, the map and the panel add up to the same total: the lines this user may see.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = currentUser(locals);
	const scope = rowScope(user, 'read');
	const filters = parseFundingFilters(url.searchParams);
	const target: FlowTarget = url.searchParams.get('flux') === 'epci' ? 'epci' : 'structure';
	const [options, facts, populations, outlines] = await Promise.all([
		funding.filterOptions(locals.db, scope),
		funding.facts(locals.db, scope, filters),
		funding.epciPopulations(locals.db),
		geo.listEpciGeo(locals.db)
	]);
	const mapYear = filters.year ?? (facts.length ? Math.max(...facts.map((f) => f.year)) : null);
	const byEpci = fundingByEpci(
		facts.filter((f) => f.year === mapYear),
		populations
	);
	const perInhabitant = new Map(byEpci.epcis.map((e) => [e.siren, e.perInhabitant]));
	return {
		filters,
		target,
		options,
		scopeKind: scope.kind,
		staff: isStaff(user),
		partnerName: user.partnerName,
		lineCount: facts.length,
		total: totalOf(facts),
		matrix: fundingMatrix(facts),
		flows: fundingFlows(facts, target),
		series: yearSeries(facts),
		mapYear,
		byEpci,
		areas: outlines.map((o) => ({ key: o.siren, name: o.name, geometry: o.geometry, value: perInhabitant.get(o.siren) ?? null })),
		panel: filters.structureId !== null ? structurePanel(facts, filters.structureId) : null,
		panelName: filters.structureId !== null ? (options.structures.find((s) => s.id === filters.structureId)?.name ?? null) : null
	};
};
