/**
 * Streaming reader of OpenStreetMap XML (`.osm`, https://wiki.openstreetmap.org/wiki/OSM_XML) over
 * the `saxes` parser, feeding the same visitor as the PBF decoder (`osm-pbf.ts`), so the graph is
 * built the same way from either format. Pure: the caller feeds text chunks. Meant for small
 * files (tests, a commune's extract); regional extracts come as PBF.
 */
import { SaxesParser } from 'saxes';
import { OsmFormatError, type BlockCounts, type OsmHeader, type PrimitiveVisitor, type TagReader } from './osm-pbf';

/** Nodes are handed to the visitor in batches of this size. */
const NODE_BATCH = 4096;

export class OsmXmlDecoder {
	private readonly parser = new SaxesParser({ position: true });
	private readonly ids = new Float64Array(NODE_BATCH);
	private readonly lats = new Float64Array(NODE_BATCH);
	private readonly lons = new Float64Array(NODE_BATCH);
	private pending = 0;
	private refs = new Float64Array(256);
	private refCount = 0;
	private wayId = 0;
	private inWay = false;
	private wayTags: Record<string, string> = {};
	private rootSeen = false;
	readonly counts: BlockCounts = { nodes: 0, ways: 0, relations: 0 };
	header: OsmHeader | null = null;
	private failure: OsmFormatError | null = null;

	constructor(private readonly visitor: PrimitiveVisitor) {
		const p = this.parser;
		p.on('error', (e) => {
			this.failure ??= new OsmFormatError(`XML invalide à la ligne ${p.line}, colonne ${p.column + 1} : ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`);
		});
		p.on('opentag', (tag) => {
			const a = tag.attributes as Record<string, string>;
			switch (tag.name) {
				case 'osm':
					this.rootSeen = true;
					this.header = {
						bbox: null,
						requiredFeatures: [],
						optionalFeatures: [],
						writingProgram: a.generator ?? null,
						source: null,
						replicationTimestamp: a.timestamp ? Math.floor(Date.parse(a.timestamp) / 1000) || null : null,
						replicationUrl: null
					};
					break;
				case 'bounds':
					if (this.header) {
						this.header.bbox = { west: Number(a.minlon), east: Number(a.maxlon), south: Number(a.minlat), north: Number(a.maxlat) };
					}
					break;
				case 'node': {
					this.mustBeInRoot();
					const id = Number(a.id);
					const lat = Number(a.lat);
					const lon = Number(a.lon);
					if (!Number.isFinite(id) || !Number.isFinite(lat) || !Number.isFinite(lon)) {
						this.fail(`nœud sans identifiant ou coordonnées valides`);
						return;
					}
					this.counts.nodes++;
					if (!this.visitor.nodes) return;
					this.ids[this.pending] = id;
					this.lats[this.pending] = lat;
					this.lons[this.pending] = lon;
					if (++this.pending === NODE_BATCH) this.flushNodes();
					break;
				}
				case 'way':
					this.mustBeInRoot();
					this.flushNodes();
					this.inWay = true;
					this.wayId = Number(a.id);
					this.refCount = 0;
					this.wayTags = {};
					break;
				case 'nd':
					if (!this.inWay) return;
					if (this.refCount === this.refs.length) {
						const r = new Float64Array(this.refs.length * 2);
						r.set(this.refs);
						this.refs = r;
					}
					this.refs[this.refCount++] = Number(a.ref);
					break;
				case 'tag':
					if (this.inWay && a.k !== undefined) this.wayTags[a.k] = a.v ?? '';
					break;
				case 'relation':
					this.flushNodes();
					this.counts.relations++;
					break;
			}
		});
		p.on('closetag', (tag) => {
			if (tag.name !== 'way' || !this.inWay) return;
			this.inWay = false;
			this.counts.ways++;
			const tags = this.wayTags;
			const reader: TagReader = { get: (k) => tags[k], toObject: () => ({ ...tags }) };
			this.visitor.way?.(this.wayId, this.refs, this.refCount, reader);
		});
	}

	private mustBeInRoot(): void {
		if (!this.rootSeen) this.fail('élément OSM hors d’un document <osm>');
	}

	private fail(message: string): void {
		this.failure ??= new OsmFormatError(`ligne ${this.parser.line} : ${message}`);
	}

	private flushNodes(): void {
		if (this.pending > 0) this.visitor.nodes?.(this.ids, this.lats, this.lons, this.pending);
		this.pending = 0;
	}

	/** Feeds a chunk of text. @throws OsmFormatError at the first problem */
	write(chunk: string): void {
		this.parser.write(chunk);
		if (this.failure) throw this.failure;
	}

	/** Ends the document. @throws OsmFormatError when it is truncated or not OSM */
	close(): void {
		this.parser.close();
		if (this.failure) throw this.failure;
		if (!this.rootSeen) throw new OsmFormatError('document XML sans élément <osm> : ce n’est pas un fichier OpenStreetMap');
		this.flushNodes();
	}
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');

/** A node or way to write as OSM XML (the generator's output). */
export interface OsmXmlWay {
	id: number;
	refs: ArrayLike<number>;
	tags: Record<string, string>;
}

/**
 * OSM XML text for nodes and ways, in chunks (a generated département is tens of MB): nodes first,
 * then ways, as in real extracts.
 */
export function* osmXmlChunks(
	nodes: { ids: ArrayLike<number>; lat: ArrayLike<number>; lon: ArrayLike<number> },
	ways: Iterable<OsmXmlWay>,
	timestamp: string | null = null
): Generator<string> {
	yield `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="maillage"${timestamp ? ` timestamp="${timestamp}"` : ''}>\n`;
	let buf = '';
	for (let i = 0; i < nodes.ids.length; i++) {
		buf += ` <node id="${nodes.ids[i]}" lat="${nodes.lat[i].toFixed(7)}" lon="${nodes.lon[i].toFixed(7)}"/>\n`;
		if (buf.length > 1 << 20) {
			yield buf;
			buf = '';
		}
	}
	for (const w of ways) {
		buf += ` <way id="${w.id}">\n`;
		for (let k = 0; k < w.refs.length; k++) buf += `  <nd ref="${w.refs[k]}"/>\n`;
		for (const [k, v] of Object.entries(w.tags)) buf += `  <tag k="${escapeXml(k)}" v="${escapeXml(v)}"/>\n`;
		buf += ' </way>\n';
		if (buf.length > 1 << 20) {
			yield buf;
			buf = '';
		}
	}
	yield `${buf}</osm>\n`;
}
